package extract

import (
	"strings"
	"sync"
)

// Actor kinds.
const (
	KindPerson       = "person"
	KindOrganization = "organization"
	KindGroup        = "group"
	KindProduct      = "product"
)

// firstNames are common given names (folded); a capitalised name starting
// with one is a person.
const firstNames = `aaron abdel abdul abigail adam adele adrian adrien agathe agnes ahmed aida aidan alain alan albert alberto
alec alejandro drew alex alexander alexandra alexandre alexandria alexis alfred ali alice alicia alina alison allan amanda
amelie amy ana anand andre andrea andreas andrew andy angela angelina angelique anil anita ann anna anne annie anthony
antoine antonio anya arash arianna armand arnaud arthur arvind ashley audrey aurelie aurelien axel aya barack barbara
barry bastien beatrice ben benedicte benjamin benoit bernard bertrand beth betty bill bob bobby brad bradley brandon
brian brigitte bruce bruno bryan caitlin camille carl carla carlos carmen carol caroline cathy catherine cecile cedric
celine chad charles charlie charlotte chen cheryl chloe chris christian christina christine christophe christopher
chuck cindy claire clara claude claudia clement colin corinne craig cyril cyrille dan dana daniel daniele danielle
danny dara darren dave david dean deborah delphine denis denise dennis derek diana diane didier dimitri dominique
donald donna doug douglas dylan ed eddie eddy edgar edouard edward eileen elena eli elias elisabeth elise eliza
elizabeth ella ellen elodie elon emilie emily emma emmanuel emmanuelle eric erica erik erin estelle ethan eugene eva
evan evelyne fabien fabienne fabrice fatima felix fernando florence florian francis francisco franck francois
francoise frank frederic frederick gabriel gabrielle gary gautam gavin genevieve geoffrey george georges gerald
gerard gilles gina giovanni glenn gordon grace greg gregory guillaume guy gwyneth hannah harold harry hassan hector
helen helene henri henry herve hillary hiroshi howard hugo hugues ian ibrahim ines irene isaac isabel isabelle jack
jackie jacob jacqueline jacques jake james jamie jan jane janet jason javier jay jean jean-baptiste jean-claude
jean-francois jean-louis jean-luc jean-marc jean-marie jean-michel jean-paul jean-pierre jeanne jeff jeffrey jenna
jennifer jenny jens jeremy jerome jerry jessica jill jim jimmy joan joanna jodie joe joel johann john johnny jon
jonathan jordan jorge jose joseph josh joshua juan judith julia julian julie julien juliette justin kamala karen karim
karl kate katherine kathleen kathryn katie kay keith kelly ken kenneth kevin kim kimberly kirk kristen kristin kumar
kurt kyle lakshmi larry laura laure laurence laurent lea leila leo leon leonard lina linda lionel lisa liz loic lorraine
louis louise luc luca lucas lucie lucy luis luke lynn maggie mahmoud manuel marc marcel marco margaret margot maria
marian marianne marie marine mario marion mark marlene martha martin martine marty mary mathieu mathilde matt matthew
matthias maurice max maxime megan mehdi melanie melissa meredith mia michael michel michele michelle miguel mike
mohamed mohammed monica monique morgan muriel nadia nancy naomi natalie natasha nathalie nathan neil nick nicholas
nicolas nicole nikhil nina noah noel norman olivia olivier omar oscar pablo pamela parag pascal pascale patricia
patrick paul paula pauline pedro peggy peter philip philippe pierre pierre-yves priya rachel rafael rahul raj rajesh
ralph ramon randy raphael ravi ray raymond rebecca regis remi renaud rene richard rick rishi rob robert roberto robin
rodolphe roger roland romain ron ronald rosa ross roy ruth ryan sabine sacha sally sam samantha samuel sandra sandrine
sara sarah satya scott sean sebastien serge sergei sergey seth sharon sheryl shou simon simone sofia solene sonia
sophie stephane stephanie stephen steve steven stuart sundar susan suzanne sylvain sylvie tanya ted teresa thierry
thomas tiffany tim timothy tina todd tom tommy tony tracy travis tristan ursula valerie vanessa veronique victor
victoria vincent virginie vivek walter wayne wendy william willy xavier yann yannick yasmine yves yvonne zach zoe
philipp pekka ola sven lars stefan klaus jurgen wolfgang markus oliver henrik kasper magnus dirk ralf uwe herbert ulrich
joachim bernd gunther torsten hakan bjorn niklas jochen ingo kjell anders mikael fredrik hans rolf heinz florent
stijn koen bart wouter pieter joris jeroen geert dirk-jan hendrik jan-willem maarten bram ruben sander thijs wim luuk
pape papa mamadou moussa abdoulaye ousmane cheikh amadou ibrahima aminata fatou aissatou souleymane modou serigne
babacar boubacar alassane seydou adama kouassi kofi kwame yao aliou macky bassirou ousseynou mariama khadija issa
idrissa moustapha mustapha abdou lamine oumar amath birame demba samba tidiane thierno djibril youssouf salif tiemoko
oumou awa ndeye coumba mame aboubacar sidiki kalidou hamidou ismael ismail youssef hamid rachid said nabil karima
samir sofiane yacine farid mourad nadir
mathias matthias matthieu elliott elliot gaetan ludovic damien gregoire mickael christel geraldine karine laetitia
ludivine murielle severine brett cody dustin garrett jared shane trevor lindsay shelley`

// organizations are well-known companies and bodies (as written).
const organizations = `Twitter|X Corp|Meta|Meta Platforms|Facebook|Instagram|WhatsApp|Google|Alphabet|YouTube|Amazon|Apple|Microsoft|Netflix|
Tesla|SpaceX|Neuralink|OpenAI|Anthropic|Nvidia|Intel|AMD|IBM|Oracle|Salesforce|SAP|Cisco|Dell|HP|Lenovo|Samsung|Sony|
LG|Huawei|Xiaomi|Alibaba|Tencent|ByteDance|TikTok|Snapchat|Pinterest|Reddit|LinkedIn|Uber|Lyft|Airbnb|DoorDash|
Spotify|Zoom|Slack|Shopify|Stripe|PayPal|Coinbase|Binance|Robinhood|Twilio|Workday|Adobe|Intuit|Qualcomm|
Broadcom|Micron|Activision Blizzard|Activision|Blizzard|Electronic Arts|Ubisoft|Epic Games|Nintendo|Disney|Warner Bros|
Warner Bros. Discovery|Paramount|Comcast|NBCUniversal|CNN|BBC|BuzzFeed|Vox Media|Gannett|Mastodon|Bluesky|
Goldman Sachs|Morgan Stanley|JPMorgan|JPMorgan Chase|Citigroup|Bank of America|Wells Fargo|BlackRock|HSBC|Barclays|
Credit Suisse|UBS|Deutsche Bank|BNP Paribas|Société Générale|Crédit Agricole|Natixis|AXA|Allianz|Walmart|
Costco|Ford|General Motors|GM|Stellantis|Renault|Peugeot|Volkswagen|BMW|Mercedes-Benz|Toyota|Honda|Nissan|Boeing|
Airbus|Safran|Thales|Dassault|Air France|Air France-KLM|Lufthansa|easyJet|Ryanair|British Airways|Carrefour|Auchan|
Casino|Leclerc|Intermarché|Fnac|Darty|Orange|SFR|Bouygues|Bouygues Telecom|Iliad|Vivendi|Canal+|TF1|M6|
Danone|Nestlé|Unilever|L'Oréal|LVMH|Kering|Hermès|Chanel|Sanofi|Pfizer|Moderna|Novartis|Roche|Bayer|AstraZeneca|
TotalEnergies|Engie|EDF|Veolia|Suez|Michelin|Saint-Gobain|Schneider Electric|Alstom|Atos|Capgemini|Sopra Steria|
Orpea|Korian|Clariane|Accor|Sodexo|Decathlon|Kiabi|Camaïeu|Go Sport|Conforama|Castorama|Leroy Merlin|La Poste|SNCF|
RATP|Ubisoft|Vinted|BlaBlaCar|Doctolib|Criteo|Deezer|Dailymotion|Qonto|Back Market|ManoMano|Mistral AI|Shein|Temu|
Siemens|Philips|Ericsson|Nokia|Vodafone|Telefonica|BT|Unilever|Shell|BP|ExxonMobil|Chevron|Starbucks|McDonald's|
Nike|Adidas|Puma|H&M|Zara|Inditex|Primark|Ikea|Bosch|Continental|Valeo|Faurecia|Forvia|Stripe|Klarna|Revolut|N26|
Wayfair|Peloton|Rivian|Lucid|Carvana|Zillow|Redfin|Opendoor|Glassdoor|Dropbox|Atlassian|GitHub|
Tata|Infosys|Wipro|Accenture|Deloitte|PwC|KPMG|EY|McKinsey|BCG|Cognizant|Verizon|AT&T|T-Mobile|Yahoo|
AOL|eBay|Etsy|Groupon|Grubhub|Instacart|Gopuff|Getir|Gorillas|Cajoo|Deliveroo|Just Eat|Uber Eats|
Tesla Motors|Twitch|Discord|Telegram|Tumblr|Substack|Kickstarter|Patreon|Axios|Politico|Bloomberg|
Reuters|Associated Press|AFP|Le Monde|Le Figaro|Libération|Les Echos|New York Times|Washington Post|Wall Street Journal|
Financial Times|The Guardian|Commission européenne|European Commission|Union européenne|European Union|ONU|OTAN|NATO|
Pôle emploi|France Travail|Banque de France|Federal Reserve|BCE|ECB|FMI|IMF|OCDE|OECD|Bercy|Elysée|Matignon`

// groups are unions and collectives.
const groups = `CGT|CFDT|FO|Force ouvrière|CFE-CGC|CFTC|Unsa|SUD|Solidaires|FSU|UAW|United Auto Workers|Teamsters|AFL-CIO|
GMB|Unison|Verdi|IG Metall|Alphabet Workers Union|Communications Workers of America|CWA|Anonymous`

// products are products and services that can be the subject of an event.
const products = `iPhone|iPad|Android|Windows|ChatGPT|Bard|Stadia|Twitter Blue|Vine|Periscope|
Google+|Internet Explorer|Xbox|PlayStation|Facebook Dating|Horizon Worlds|Fire Phone|Quibi`

// places are not actors.
const places = `France|Paris|Lyon|Marseille|Toulouse|Lille|Bordeaux|Nantes|Strasbourg|Nice|Rennes|Grenoble|Montpellier|
Europe|Afrique|Asie|Amérique|Africa|Asia|America|Amériques|États-Unis|Etats-Unis|United States|US|USA|U.S.|UK|
Royaume-Uni|United Kingdom|Britain|Grande-Bretagne|England|Angleterre|Londres|London|Allemagne|Germany|Berlin|
Espagne|Spain|Madrid|Italie|Italy|Rome|Milan|Belgique|Belgium|Bruxelles|Brussels|Suisse|Switzerland|Genève|Geneva|
Zurich|Irlande|Ireland|Dublin|Pays-Bas|Netherlands|Amsterdam|Chine|China|Pékin|Beijing|Shanghai|Shenzhen|Hong Kong|
Japon|Japan|Tokyo|Inde|India|Bangalore|Bengaluru|Mumbai|Canada|Québec|Quebec|Montréal|Montreal|Toronto|Vancouver|
Mexique|Mexico|Brésil|Brazil|Australie|Australia|Sydney|Russie|Russia|Moscou|Moscow|Ukraine|Kiev|Kyiv|Israël|Israel|
Singapour|Singapore|Corée|Korea|Séoul|Seoul|Californie|California|Texas|Austin|Floride|Florida|New York|Washington|
San Francisco|Silicon Valley|Seattle|Boston|Chicago|Los Angeles|Menlo Park|Mountain View|Cupertino|Redmond|Palo Alto|
Wall Street|Manhattan|Brooklyn|Delaware|Nevada|Ohio|Michigan|Detroit|Atlanta|Miami|Denver|Portugal|Lisbonne|Lisbon|
Pologne|Poland|Suède|Sweden|Norvège|Norway|Danemark|Denmark|Finlande|Finland|Autriche|Austria|Grèce|Greece|Turquie|
Turkey|Maroc|Morocco|Algérie|Algeria|Tunisie|Tunisia|Sénégal|Senegal|Luxembourg|Monaco|Île-de-France|Ile-de-France|
Normandie|Bretagne|Occitanie|Alsace|Provence|Hauts-de-France|Auvergne-Rhône-Alpes|Nouvelle-Aquitaine|Grand Est|
Vietnam|Thaïlande|Thailand|Indonésie|Indonesia|Philippines|Pakistan|Nigeria|Kenya|Egypte|Egypt|Dubaï|Dubai|
Hexagone|Aveyron|Seattle|Alabama|Alaska|Arizona|Arkansas|Colorado|Connecticut|Georgia|Hawaii|Idaho|Illinois|
Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Minnesota|Mississippi|Missouri|Montana|Nebraska|
New Hampshire|New Jersey|New Mexico|North Carolina|North Dakota|Oklahoma|Oregon|Pennsylvania|Rhode Island|
South Carolina|South Dakota|Tennessee|Utah|Vermont|Virginia|West Virginia|Wisconsin|Wyoming|Ontario|Alberta|
British Columbia|Scotland|Wales|Ecosse|Pays de Galles|Bavière|Bavaria|Catalogne|Catalonia|Lombardie|Flandre|Wallonie|Arabie saoudite|Saudi Arabia|Qatar|Iran|Irak|Iraq|Syrie|Syria|Liban|Lebanon|Taïwan|Taiwan|Argentine|Argentina|Chili|Chile`

// gazetteer is the folded-key index of the lists above.
type gazetteer struct {
	first map[string]bool
	kind  map[string]string // key -> kind, "place" for places
	name  map[string]string // key -> canonical spelling
}

var gazette = sync.OnceValue(func() *gazetteer {
	g := &gazetteer{first: map[string]bool{}, kind: map[string]string{}, name: map[string]string{}}
	for _, n := range strings.Fields(firstNames) {
		g.first[n] = true
	}
	add := func(list, kind string) {
		for _, n := range strings.Split(list, "|") {
			n = strings.TrimSpace(n)
			if n == "" {
				continue
			}
			k := NameKey(n)
			if _, ok := g.kind[k]; !ok {
				g.kind[k] = kind
				g.name[k] = n
			}
		}
	}
	add(places, "place")
	add(groups, KindGroup)
	add(organizations, KindOrganization)
	add(products, KindProduct)
	return g
})

// orgSuffixes end organisation names.
var orgSuffixes = map[string]bool{
	"inc": true, "corp": true, "corporation": true, "platforms": true, "ltd": true, "llc": true, "plc": true, "sa": true, "sas": true,
	"sarl": true, "ag": true, "gmbh": true, "nv": true, "bv": true, "spa": true, "group": true, "groupe": true,
	"holding": true, "holdings": true, "bank": true, "banque": true, "technologies": true, "technology": true,
	"airlines": true, "airways": true, "motors": true, "systems": true, "labs": true, "capital": true, "partners": true,
	"ventures": true, "media": true, "company": true, "industries": true, "international": true, "pharma": true,
	"pharmaceuticals": true, "energy": true, "energies": true, "telecom": true, "communications": true,
	"entertainment": true, "studios": true, "games": true, "software": true, "networks": true, "foods": true,
	"brands": true, "co": true, "cie": true, "associates": true, "consulting": true, "solutions": true, "services": true,
	"university": true, "universite": true, "institute": true, "institut": true, "foundation": true, "fondation": true,
	"agency": true, "agence": true, "ministry": true, "ministere": true, "commission": true, "council": true, "conseil": true,
}

// orgHeads start organisation names that take "de"/"of" inside them
// ("Banque de France", "Bank of America").
var orgHeads = map[string]bool{
	"banque": true, "bank": true, "societe": true, "caisse": true, "credit": true, "compagnie": true,
	"ministere": true, "ministry": true, "universite": true, "university": true, "institut": true, "institute": true,
	"conseil": true, "federation": true, "union": true, "agence": true, "autorite": true, "chambre": true,
	"office": true, "commission": true, "department": true, "board": true, "tribunal": true, "cour": true,
}

// orgNouns are the nouns that name an organisation without its name ("le
// réseau social", "the company").
var orgNouns = map[string]bool{
	"groupe": true, "entreprise": true, "societe": true, "firme": true, "plateforme": true, "reseau": true,
	"geant": true, "constructeur": true, "start-up": true, "startup": true, "enseigne": true, "compagnie": true,
	"editeur": true, "operateur": true, "distributeur": true, "fabricant": true, "laboratoire": true, "banque": true,
	"assureur": true, "equipementier": true, "industriel": true, "chaine": true, "maison-mere": true,
	"brasserie": true, "brasseur": true, "transporteur": true, "fonds": true, "investisseur": true,
	"company": true, "firm": true, "group": true, "platform": true, "network": true, "giant": true, "carmaker": true,
	"automaker": true, "retailer": true, "bank": true, "chain": true, "airline": true, "insurer": true, "maker": true,
	"conglomerate": true, "brewer": true, "chipmaker": true, "planemaker": true, "drugmaker": true, "publisher": true, "operator": true, "business": true,
	"developer": true, "manufacturer": true, "lender": true, "supplier": true, "employer": true,
}

// personNouns name a person without the name ("le multimilliardaire",
// "the billionaire").
var personNouns = map[string]bool{
	"multimilliardaire": true, "milliardaire": true, "patron": true, "patronne": true, "pdg": true, "dirigeant": true,
	"dirigeante": true, "fondateur": true, "fondatrice": true, "cofondateur": true, "proprietaire": true,
	"entrepreneur": true, "magnat": true, "president": true, "presidente": true,
	"billionaire": true, "ceo": true, "boss": true, "founder": true, "co-founder": true, "cofounder": true,
	"owner": true, "tycoon": true, "mogul": true, "executive": true, "chief": true, "chairman": true, "chairwoman": true,
	"magnate": true, "businessman": true, "businesswoman": true, "directeur": true, "directrice": true,
}

// titles precede person names.
var titles = map[string]bool{
	"m": true, "mme": true, "mlle": true, "mr": true, "mrs": true, "ms": true, "dr": true, "sir": true, "dame": true,
	"lord": true, "pr": true, "prof": true, "me": true,
}
