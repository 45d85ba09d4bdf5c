package gen

// The vocabularies names and texts are drawn from. Changing any of them changes the corpus of
// every seed.

var (
	stemHeads = []string{"Nor", "Alt", "Bel", "Cor", "Dav", "Eld", "Fen", "Gal", "Hal", "Ist", "Jor", "Kel",
		"Lum", "Mar", "Nex", "Orb", "Pax", "Quor", "Ril", "Sol", "Tav", "Ulv", "Ver", "Wex", "Xan", "Yor",
		"Zen", "Ard", "Bri", "Cal", "Dor", "Esk", "Lys", "Mon", "Sev", "Tor"}
	stemTails = []string{"vex", "ura", "ion", "ant", "ex", "ora", "is", "eon", "ix", "ara", "en", "ova",
		"ium", "ent", "ia", "ar", "elle", "ico"}
	industries = []struct{ en, fr, word string }{
		{"Systems", "Systèmes", "software"}, {"Bank", "Banque", "banking"}, {"Motors", "Automobiles", "carmaking"},
		{"Foods", "Alimentaire", "food"}, {"Labs", "Laboratoires", "biotech"}, {"Airlines", "Aviation", "airline"},
		{"Media", "Médias", "media"}, {"Pharma", "Pharma", "pharmaceutical"}, {"Energy", "Énergie", "energy"},
		{"Telecom", "Télécom", "telecoms"}, {"Retail", "Distribution", "retail"}, {"Logistics", "Logistique", "logistics"},
		{"Insurance", "Assurances", "insurance"}, {"Software", "Logiciels", "software"},
		{"Semiconductors", "Semi-conducteurs", "chipmaking"}, {"Capital", "Capital", "investment"},
		{"Steel", "Aciéries", "steel"}, {"Chemicals", "Chimie", "chemicals"}, {"Games", "Jeux", "video game"},
		{"Health", "Santé", "healthcare"}, {"Robotics", "Robotique", "robotics"}, {"Textiles", "Textile", "textile"},
		{"Mining", "Mines", "mining"}, {"Studios", "Studios", "entertainment"},
	}
	firstNames = []string{"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda",
		"David", "Elizabeth", "William", "Susan", "Richard", "Jessica", "Thomas", "Sarah", "Daniel", "Karen",
		"Mark", "Nancy", "Paul", "Lisa", "Steven", "Emily", "Andrew", "Sophie", "Kevin", "Laura", "Brian",
		"Anna", "Jean", "Marie", "Pierre", "Camille", "Louis", "Chloé", "François", "Élodie", "Nicolas",
		"Céline", "Julien", "Hélène", "Antoine", "Manon", "Sébastien", "Léa", "Mathieu", "Inès", "Hiroshi",
		"Yuki", "Wei", "Mei", "Raj", "Priya", "Carlos", "Lucía", "Lars", "Ingrid", "Omar", "Fatima"}
	lastNames = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
		"Anderson", "Taylor", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis",
		"Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter",
		"Mitchell", "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Simon", "Michel", "Garnier",
		"Rousseau", "Fontaine", "Chevalier", "Bonnet", "Lemaire", "Girard", "Mercier", "Faure", "Blanc",
		"Guérin", "Müller", "Schmidt", "Schneider", "Fischer", "Tanaka", "Suzuki", "Chen", "Wang", "Patel",
		"Sharma", "García", "Fernández", "Rossi", "Bianchi", "Andersson", "Nilsson", "Haddad", "Kowalski"}
	groupForms = []struct{ en, fr string }{
		{"%s Workers Union", "Syndicat des travailleurs de %s"},
		{"%s Employees Association", "Association des salariés de %s"},
		{"Friends of %s", "Collectif des amis de %s"},
		{"%s Shareholders Group", "Collectif des actionnaires de %s"},
	}
	productWords = []string{"Cloud", "Pay", "One", "Go", "Max", "Pro", "Air", "Connect", "Drive", "Home",
		"Pulse", "Vision", "Link", "Play", "Care", "Shield"}
	countries = []struct {
		code   string
		weight float64
		suffix string
		cities []string
	}{
		{"US", 36, "Inc.", []string{"New York", "San Francisco", "Austin", "Seattle", "Chicago", "Boston", "Atlanta"}},
		{"FR", 16, "SA", []string{"Paris", "Lyon", "Toulouse", "Marseille", "Nantes", "Lille"}},
		{"GB", 10, "plc", []string{"London", "Manchester", "Edinburgh", "Bristol"}},
		{"DE", 9, "AG", []string{"Berlin", "Munich", "Hamburg", "Frankfurt"}},
		{"BE", 4, "NV", []string{"Brussels", "Antwerp", "Liège"}},
		{"CA", 4, "Inc.", []string{"Toronto", "Montreal", "Vancouver"}},
		{"JP", 5, "KK", []string{"Tokyo", "Osaka"}},
		{"CN", 5, "Ltd", []string{"Shanghai", "Shenzhen", "Beijing"}},
		{"IN", 4, "Ltd", []string{"Bangalore", "Mumbai"}},
		{"CH", 3, "AG", []string{"Zurich", "Geneva"}},
		{"SE", 2, "AB", []string{"Stockholm", "Gothenburg"}},
		{"BR", 2, "SA", []string{"São Paulo", "Rio de Janeiro"}},
	}
	publishers = map[string][]struct{ name, domain string }{
		"en": {{"Daily Ledger", "dailyledger.example"}, {"Market Wire", "marketwire.example"},
			{"The Courier", "thecourier.example"}, {"Tech Dispatch", "techdispatch.example"},
			{"Business Herald", "businessherald.example"}, {"Evening Post", "eveningpost.example"},
			{"Financial Review", "financialreview.example"}, {"Global Report", "globalreport.example"}},
		"fr": {{"Le Quotidien", "lequotidien.example"}, {"L’Écho des affaires", "echodesaffaires.example"},
			{"La Dépêche économique", "depeche-eco.example"}, {"Le Journal du soir", "journaldusoir.example"},
			{"Info Matin", "infomatin.example"}},
	}
	monthsFR = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"}
	weekdaysFR = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
)

// Background sentences give bodies the vocabulary of business news. {org} is the main
// organisation, {city} its city, {sector} its sector and {person} a person of it.
var fillers = map[string][]string{
	"en": {
		"The company, based in {city}, has struggled with rising costs and weaker demand.",
		"Analysts had expected a restructuring after two quarters of falling revenue.",
		"Shares of {org} rose 3% in early trading on the news.",
		"Shares of {org} fell sharply after the announcement.",
		"The {sector} industry has been hit by higher interest rates and slowing orders.",
		"Unions said they had not been consulted and called for talks with management.",
		"{person} told staff in an internal memo that the decision was difficult but necessary.",
		"The move is part of a wider plan to cut costs and refocus on its core business.",
		"Regulators in {city} are expected to review the deal in the coming months.",
		"Competitors in the {sector} sector have announced similar measures this year.",
		"The group reported a net loss for the last fiscal year, its first in a decade.",
		"Investors welcomed the plan, which should save hundreds of millions over three years.",
		"Local officials in {city} said they would help affected workers find new jobs.",
		"The company did not say which sites or departments would be affected.",
		"A spokesperson for {org} declined to comment beyond the statement.",
		"Demand for {sector} products surged during the pandemic before slowing down.",
		"Several executives have left the company over the past year.",
		"The board approved the decision at an extraordinary meeting on Monday.",
		"Customers should not notice any change in service, the company said.",
		"Employees will receive severance pay and help with outplacement, according to the memo.",
	},
	"fr": {
		"L’entreprise, installée à {city}, fait face à une hausse des coûts et à une demande plus faible.",
		"Les analystes s’attendaient à une restructuration après deux trimestres de baisse du chiffre d’affaires.",
		"L’action {org} a gagné 3 % en début de séance après l’annonce.",
		"Le titre {org} a nettement reculé après l’annonce.",
		"Le secteur {sector} souffre de la hausse des taux d’intérêt et du ralentissement des commandes.",
		"Les syndicats dénoncent une décision prise sans concertation et réclament des négociations.",
		"Dans un courriel interne, {person} a qualifié la décision de difficile mais nécessaire.",
		"Cette mesure s’inscrit dans un plan plus large de réduction des coûts et de recentrage.",
		"Les autorités de la concurrence devraient examiner l’opération dans les prochains mois.",
		"D’autres acteurs du secteur {sector} ont annoncé des mesures similaires cette année.",
		"Le groupe a publié une perte nette pour le dernier exercice, une première depuis dix ans.",
		"Les investisseurs ont salué ce plan, censé économiser des centaines de millions en trois ans.",
		"Les élus locaux de {city} promettent d’accompagner les salariés concernés.",
		"La direction n’a pas précisé quels sites ou services seraient touchés.",
		"Un porte-parole de {org} n’a pas souhaité faire d’autre commentaire.",
		"La demande avait bondi pendant la pandémie avant de ralentir nettement.",
		"Plusieurs dirigeants ont quitté l’entreprise au cours de l’année écoulée.",
		"Le conseil d’administration a approuvé la décision lors d’une réunion extraordinaire lundi.",
		"Les clients ne devraient constater aucun changement, assure l’entreprise.",
		"Les salariés recevront des indemnités et un accompagnement, selon le courriel interne.",
	},
}

// sectorsFR names the sectors in French sentences, by the English word.
var sectorsFR = map[string]string{
	"software": "du logiciel", "banking": "bancaire", "carmaking": "automobile", "food": "agroalimentaire",
	"biotech": "des biotechnologies", "airline": "aérien", "media": "des médias", "pharmaceutical": "pharmaceutique",
	"energy": "de l’énergie", "telecoms": "des télécoms", "retail": "de la distribution", "logistics": "de la logistique",
	"insurance": "de l’assurance", "chipmaking": "des semi-conducteurs", "investment": "de l’investissement",
	"steel": "de l’acier", "chemicals": "de la chimie", "video game": "du jeu vidéo", "healthcare": "de la santé",
	"robotics": "de la robotique", "textile": "du textile", "mining": "minier", "entertainment": "du divertissement",
}
