package gen

import (
	"math"
	"math/rand/v2"
)

// fact is a number an event is about: a figure once it is written in an article.
type fact struct {
	key    string // the template placeholder, e.g. "jobs"
	metric string
	unit   string
	value  float64
	// noun follows a count in each language ("1,200 jobs"); empty for money and ratios.
	nounEN, nounFR string
}

// typeSpec is how events of one type are made: how often, who takes part, the numbers, and
// the sentences that tell them. Lead sentences name two facts, details one, mentions one.
type typeSpec struct {
	code   string
	weight float64
	roles  []roleSpec
	facts  func(r *rand.Rand, cur string) []fact
	en, fr texts
}

// roleSpec is one actor of an event: its role, kind, and how likely it is to be there.
type roleSpec struct {
	role string
	kind string // organization, person, group, product; "org2" is a second organisation
	p    float64
}

type texts struct {
	titles, leads, details, mentions []string
}

func headcount(r *rand.Rand) float64 { return round2(logUniform(r, 40, 300_000)) }

func money(r *rand.Rand, lo, hi float64) float64 { return round2(logUniform(r, lo, hi)) }

func logUniform(r *rand.Rand, lo, hi float64) float64 {
	return math.Exp(math.Log(lo) + r.Float64()*(math.Log(hi)-math.Log(lo)))
}

// round2 keeps two significant digits, as news reports round their numbers.
func round2(v float64) float64 {
	if v < 100 {
		return math.Round(v)
	}
	p := math.Pow(10, math.Floor(math.Log10(v))-1)
	return math.Round(v/p) * p
}

// workforce returns headcount, people affected (a skewed share of it) and that share.
func workforce(r *rand.Rand) (h, n, share float64) {
	h = headcount(r)
	s := 0.01 + 0.5*math.Pow(r.Float64(), 2.5)
	n = math.Max(5, round2(h*s))
	share = math.Max(0.01, math.Round(100*n/h)/100)
	return h, n, share
}

func count(key, metric, unit string, v float64, en, fr string) fact {
	return fact{key: key, metric: metric, unit: unit, value: v, nounEN: en, nounFR: fr}
}

func ratio(key, metric string, v float64) fact {
	return fact{key: key, metric: metric, unit: "ratio", value: v}
}

func cash(key, metric, cur string, v float64) fact {
	return fact{key: key, metric: metric, unit: cur, value: v}
}

var employer = []roleSpec{{"employer", "organization", 1}, {"decision_maker", "person", 0.4}}

// types lists the event types with their weights: layoffs dominate, as in the news.
var types = []typeSpec{
	{code: "layoff", weight: 30, roles: employer,
		facts: func(r *rand.Rand, _ string) []fact {
			h, n, s := workforce(r)
			return []fact{count("jobs", "employees_affected", "person", n, "jobs", "emplois"),
				count("headcount", "headcount", "person", h, "employees", "salariés"), ratio("share", "workforce_share", s)}
		},
		en: texts{
			titles:   []string{"{org} to cut {jobs}", "{org} lays off {jobs}", "{org} announces {jobs} in cuts"},
			leads:    []string{"{org} said on {weekday} it would cut {jobs}, about {share} of its workforce.", "{org}, which employs {headcount}, announced it would eliminate {jobs} {date}."},
			details:  []string{"The group employed {headcount} at the end of last year.", "The cuts amount to {share} of the workforce."},
			mentions: []string{"Separately, {org} said it would cut {jobs}.", "{org} is also shedding {jobs}, according to people familiar with the matter."},
		},
		fr: texts{
			titles:   []string{"{org} va supprimer {jobs}", "Plan social chez {org} : {jobs} supprimés", "{org} annonce la suppression de {jobs}"},
			leads:    []string{"{org} a annoncé {weekday} la suppression de {jobs}, soit {share} de ses effectifs.", "{org}, qui compte {headcount}, va supprimer {jobs} {date}."},
			details:  []string{"Le groupe comptait {headcount} à la fin de l’année dernière.", "Ces suppressions représentent {share} des effectifs."},
			mentions: []string{"Par ailleurs, {org} va supprimer {jobs}.", "{org} prévoit aussi de supprimer {jobs}, selon nos informations."},
		}},
	{code: "appointment", weight: 12, roles: []roleSpec{{"person", "person", 1}, {"employer", "organization", 1}},
		facts: func(r *rand.Rand, cur string) []fact {
			return []fact{cash("pay", "amount", cur, money(r, 300_000, 40_000_000)), count("headcount", "headcount", "person", headcount(r), "employees", "salariés")}
		},
		en: texts{
			titles:   []string{"{org} names {person} chief executive", "{person} to lead {org}"},
			leads:    []string{"{org} appointed {person} as chief executive {date}, with a pay package of {pay}, to run a company of {headcount}."},
			details:  []string{"The company has {headcount} worldwide."},
			mentions: []string{"Separately, {org} named {person} to run its {headcount}."},
		},
		fr: texts{
			titles:   []string{"{person} prend la tête de {org}", "{org} nomme {person} directeur général"},
			leads:    []string{"{org} a nommé {person} directeur général {date}, avec une rémunération de {pay}, à la tête de {headcount}."},
			details:  []string{"Le groupe compte {headcount} dans le monde."},
			mentions: []string{"Par ailleurs, {org} a confié à {person} la direction de ses {headcount}."},
		}},
	{code: "acquisition", weight: 10, roles: []roleSpec{{"acquirer", "organization", 1}, {"target", "org2", 1}, {"decision_maker", "person", 0.3}},
		facts: func(r *rand.Rand, cur string) []fact {
			return []fact{cash("deal", "deal_value", cur, money(r, 5_000_000, 60_000_000_000)),
				ratio("stake", "stake", math.Round((0.3+0.7*r.Float64())*100)/100), count("headcount", "headcount", "person", headcount(r), "employees", "salariés")}
		},
		en: texts{
			titles:   []string{"{org} buys {org2} for {deal}", "{org} to acquire {org2}"},
			leads:    []string{"{org} agreed to buy {stake} of {org2} for {deal} {date}.", "{org} will acquire {org2}, which employs {headcount}, in a deal worth {deal}."},
			details:  []string{"{org2} employs {headcount}.", "The deal gives {org} {stake} of the company."},
			mentions: []string{"Separately, {org} agreed to buy {org2} for {deal}.", "{org} is also buying {org2}, in a deal valued at {deal}."},
		},
		fr: texts{
			titles:   []string{"{org} rachète {org2} pour {deal}", "{org} s’offre {org2}"},
			leads:    []string{"{org} a accepté de racheter {stake} de {org2} pour {deal} {date}.", "{org} va acquérir {org2}, qui emploie {headcount}, pour {deal}."},
			details:  []string{"{org2} emploie {headcount}.", "L’opération donne à {org} {stake} du capital."},
			mentions: []string{"Par ailleurs, {org} rachète {org2} pour {deal}.", "{org} met aussi la main sur {org2}, une opération évaluée à {deal}."},
		}},
	{code: "funding", weight: 9, roles: []roleSpec{{"beneficiary", "organization", 1}, {"investor", "org2", 0.8}},
		facts: func(r *rand.Rand, cur string) []fact {
			return []fact{cash("raised", "funds_raised", cur, money(r, 500_000, 5_000_000_000)),
				ratio("stake", "stake", math.Round((0.02+0.3*r.Float64())*100)/100), count("headcount", "headcount", "person", round2(logUniform(r, 5, 5000)), "employees", "salariés")}
		},
		en: texts{
			titles:   []string{"{org} raises {raised}", "{org} secures {raised} in new funding"},
			leads:    []string{"{org} raised {raised} {date} in exchange for {stake} of its shares.", "{org}, which has {headcount}, said it had raised {raised}."},
			details:  []string{"The start-up has {headcount}.", "Investors now hold {stake} of the company."},
			mentions: []string{"Separately, {org} raised {raised}.", "{org} also closed a round of {raised}."},
		},
		fr: texts{
			titles:   []string{"{org} lève {raised}", "{org} boucle une levée de fonds de {raised}"},
			leads:    []string{"{org} a levé {raised} {date} en échange de {stake} de son capital.", "{org}, qui compte {headcount}, annonce avoir levé {raised}."},
			details:  []string{"La jeune pousse compte {headcount}.", "Les investisseurs détiennent désormais {stake} du capital."},
			mentions: []string{"Par ailleurs, {org} a levé {raised}.", "{org} a également bouclé un tour de table de {raised}."},
		}},
	{code: "resignation", weight: 8, roles: employer,
		facts: func(r *rand.Rand, _ string) []fact {
			h, n, s := workforce(r)
			return []fact{count("people", "employees_affected", "person", n, "employees", "salariés"),
				count("headcount", "headcount", "person", h, "staff", "collaborateurs"), ratio("share", "workforce_share", s)}
		},
		en: texts{
			titles:   []string{"{people} resign from {org}", "Wave of resignations at {org}"},
			leads:    []string{"{people} have resigned from {org} {date}, about {share} of its staff.", "At {org}, which has {headcount}, {people} handed in their notice {date}."},
			details:  []string{"The company had {headcount} before the departures.", "The resignations amount to {share} of the workforce."},
			mentions: []string{"Separately, {people} resigned from {org}.", "At {org}, {people} have also quit."},
		},
		fr: texts{
			titles:   []string{"{people} démissionnent de {org}", "Vague de démissions chez {org}"},
			leads:    []string{"{people} ont démissionné de {org} {date}, soit {share} des effectifs.", "Chez {org}, qui compte {headcount}, {people} ont démissionné {date}."},
			details:  []string{"L’entreprise comptait {headcount} avant ces départs.", "Ces démissions représentent {share} des effectifs."},
			mentions: []string{"Par ailleurs, {people} ont démissionné de {org}.", "Chez {org}, {people} ont aussi claqué la porte."},
		}},
	{code: "departure", weight: 6, roles: employer,
		facts: func(r *rand.Rand, _ string) []fact {
			h, n, s := workforce(r)
			return []fact{count("people", "employees_affected", "person", n, "employees", "salariés"),
				count("headcount", "headcount", "person", h, "staff", "collaborateurs"), ratio("share", "workforce_share", s)}
		},
		en: texts{
			titles:   []string{"{people} leave {org}", "Exodus at {org}"},
			leads:    []string{"{people} have left {org} {date}, about {share} of the workforce.", "{org}, which had {headcount}, has seen {people} leave {date}."},
			details:  []string{"{org} had {headcount} a year ago.", "That is {share} of its staff."},
			mentions: []string{"Separately, {people} have left {org}.", "{org} has also lost {people}."},
		},
		fr: texts{
			titles:   []string{"{people} quittent {org}", "Exode chez {org}"},
			leads:    []string{"{people} ont quitté {org} {date}, soit {share} des effectifs.", "{org}, qui comptait {headcount}, a vu partir {people} {date}."},
			details:  []string{"{org} comptait {headcount} il y a un an.", "Cela représente {share} du personnel."},
			mentions: []string{"Par ailleurs, {people} ont quitté {org}.", "{org} a aussi perdu {people}."},
		}},
	{code: "dismissal", weight: 5, roles: []roleSpec{{"person", "person", 1}, {"employer", "organization", 1}},
		facts: func(r *rand.Rand, cur string) []fact {
			return []fact{cash("pay", "amount", cur, money(r, 200_000, 80_000_000)), count("days", "duration", "day", float64(30+r.IntN(3000)), "days", "jours")}
		},
		en: texts{
			titles:   []string{"{org} ousts {person}", "{person} fired by {org}"},
			leads:    []string{"{org} dismissed {person} {date} after {days} in the job, with a severance of {pay}."},
			details:  []string{"{person} had led the company for {days}."},
			mentions: []string{"Separately, {org} pushed out {person} after {days}."},
		},
		fr: texts{
			titles:   []string{"{org} limoge {person}", "{person} évincé de {org}"},
			leads:    []string{"{org} a limogé {person} {date} après {days} en poste, avec une indemnité de {pay}."},
			details:  []string{"{person} dirigeait l’entreprise depuis {days}."},
			mentions: []string{"Par ailleurs, {org} a écarté {person} après {days}."},
		}},
	{code: "closure", weight: 4, roles: employer,
		facts: func(r *rand.Rand, _ string) []fact {
			_, n, _ := workforce(r)
			return []fact{count("sites", "sites_affected", "site", float64(1+r.IntN(80)), "sites", "sites"), count("jobs", "employees_affected", "person", n, "jobs", "emplois")}
		},
		en: texts{
			titles:   []string{"{org} to close {sites}", "{org} shuts {sites}"},
			leads:    []string{"{org} will close {sites} {date}, affecting {jobs}."},
			details:  []string{"About {jobs} are concerned."},
			mentions: []string{"Separately, {org} is closing {sites}."},
		},
		fr: texts{
			titles:   []string{"{org} va fermer {sites}", "{org} ferme {sites}"},
			leads:    []string{"{org} va fermer {sites} {date}, ce qui menace {jobs}."},
			details:  []string{"Environ {jobs} sont concernés."},
			mentions: []string{"Par ailleurs, {org} ferme {sites}."},
		}},
	{code: "merger", weight: 3, roles: []roleSpec{{"acquirer", "organization", 1}, {"target", "org2", 1}},
		facts: func(r *rand.Rand, cur string) []fact {
			return []fact{cash("deal", "deal_value", cur, money(r, 50_000_000, 90_000_000_000)), count("headcount", "headcount", "person", headcount(r), "employees", "salariés")}
		},
		en: texts{
			titles:   []string{"{org} and {org2} to merge", "{org} merges with {org2}"},
			leads:    []string{"{org} and {org2} agreed to merge {date} in a deal valued at {deal}, creating a group of {headcount}."},
			details:  []string{"The combined group will have {headcount}."},
			mentions: []string{"Separately, {org} and {org2} agreed a {deal} merger."},
		},
		fr: texts{
			titles:   []string{"{org} et {org2} fusionnent", "Fusion entre {org} et {org2}"},
			leads:    []string{"{org} et {org2} ont annoncé leur fusion {date}, une opération de {deal} qui créera un groupe de {headcount}."},
			details:  []string{"Le nouvel ensemble comptera {headcount}."},
			mentions: []string{"Par ailleurs, {org} et {org2} fusionnent pour {deal}."},
		}},
	{code: "strike", weight: 3, roles: []roleSpec{{"employer", "organization", 1}, {"decision_maker", "group", 0.7}},
		facts: func(r *rand.Rand, _ string) []fact {
			_, n, _ := workforce(r)
			return []fact{count("people", "employees_affected", "person", n, "workers", "salariés"), count("days", "duration", "day", float64(1+r.IntN(40)), "days", "jours"),
				count("sites", "sites_affected", "site", float64(1+r.IntN(30)), "sites", "sites")}
		},
		en: texts{
			titles:   []string{"Strike at {org}", "{people} walk out at {org}"},
			leads:    []string{"{people} at {org} went on strike {date} for {days}.", "A strike halted {sites} of {org} for {days}."},
			details:  []string{"Picket lines formed at {sites}.", "The walkout lasted {days}."},
			mentions: []string{"Separately, {people} went on strike at {org}."},
		},
		fr: texts{
			titles:   []string{"Grève chez {org}", "{people} en grève chez {org}"},
			leads:    []string{"{people} de {org} se sont mis en grève {date} pendant {days}.", "Une grève a paralysé {sites} de {org} pendant {days}."},
			details:  []string{"Des piquets de grève se sont formés sur {sites}.", "Le mouvement a duré {days}."},
			mentions: []string{"Par ailleurs, {people} de {org} sont en grève."},
		}},
	{code: "hiring", weight: 3, roles: employer,
		facts: func(r *rand.Rand, _ string) []fact {
			h, n, _ := workforce(r)
			return []fact{count("hires", "employees_affected", "person", n, "people", "personnes"), count("headcount", "headcount", "person", h, "employees", "salariés")}
		},
		en: texts{
			titles:   []string{"{org} to hire {hires}", "{org} plans to recruit {hires}"},
			leads:    []string{"{org}, which employs {headcount}, plans to hire {hires} {date}."},
			details:  []string{"It currently employs {headcount}."},
			mentions: []string{"Separately, {org} plans to hire {hires}."},
		},
		fr: texts{
			titles:   []string{"{org} va recruter {hires}", "{org} embauche {hires}"},
			leads:    []string{"{org}, qui emploie {headcount}, prévoit de recruter {hires} {date}."},
			details:  []string{"Le groupe emploie actuellement {headcount}."},
			mentions: []string{"Par ailleurs, {org} va recruter {hires}."},
		}},
	{code: "bankruptcy", weight: 2, roles: employer,
		facts: func(r *rand.Rand, cur string) []fact {
			h, _, _ := workforce(r)
			return []fact{cash("debt", "amount", cur, money(r, 1_000_000, 20_000_000_000)), count("headcount", "headcount", "person", h, "employees", "salariés")}
		},
		en: texts{
			titles:   []string{"{org} files for bankruptcy", "{org} collapses"},
			leads:    []string{"{org} filed for bankruptcy protection {date} with debts of {debt}, putting {headcount} at risk."},
			details:  []string{"The company employs {headcount}."},
			mentions: []string{"Separately, {org} filed for bankruptcy with {debt} of debt."},
		},
		fr: texts{
			titles:   []string{"{org} dépose le bilan", "Faillite de {org}"},
			leads:    []string{"{org} s’est placé en redressement judiciaire {date} avec une dette de {debt}, menaçant {headcount}."},
			details:  []string{"L’entreprise emploie {headcount}."},
			mentions: []string{"Par ailleurs, {org} a déposé le bilan avec {debt} de dettes."},
		}},
	{code: "outage", weight: 2, roles: []roleSpec{{"employer", "organization", 1}, {"subject", "product", 0.8}},
		facts: func(r *rand.Rand, cur string) []fact {
			return []fact{count("days", "duration", "day", float64(1+r.IntN(6)), "days", "jours"), count("posts", "mentions", "post", round2(logUniform(r, 500, 2_000_000)), "complaints", "signalements"),
				cash("loss", "amount", cur, money(r, 100_000, 500_000_000))}
		},
		en: texts{
			titles:   []string{"Outage hits {org}", "{org} services down"},
			leads:    []string{"An outage at {org} lasted {days} {date}, drawing {posts} online.", "{org} said the outage, which lasted {days}, cost it {loss}."},
			details:  []string{"Users posted {posts}.", "The company put its losses at {loss}."},
			mentions: []string{"Separately, {org} suffered an outage of {days}."},
		},
		fr: texts{
			titles:   []string{"Panne géante chez {org}", "Les services de {org} en panne"},
			leads:    []string{"Une panne chez {org} a duré {days} {date}, suscitant {posts} en ligne.", "{org} estime que la panne, qui a duré {days}, lui a coûté {loss}."},
			details:  []string{"Les utilisateurs ont publié {posts}.", "L’entreprise chiffre ses pertes à {loss}."},
			mentions: []string{"Par ailleurs, {org} a subi une panne de {days}."},
		}},
	{code: "lawsuit", weight: 2, roles: []roleSpec{{"affected", "organization", 1}, {"subject", "group", 0.6}},
		facts: func(r *rand.Rand, cur string) []fact {
			_, n, _ := workforce(r)
			return []fact{cash("claim", "amount", cur, money(r, 100_000, 10_000_000_000)), count("people", "employees_affected", "person", n, "plaintiffs", "plaignants")}
		},
		en: texts{
			titles:   []string{"{org} sued for {claim}", "Lawsuit against {org}"},
			leads:    []string{"{people} sued {org} {date}, seeking {claim} in damages."},
			details:  []string{"The suit was filed on behalf of {people}."},
			mentions: []string{"Separately, {org} faces a {claim} lawsuit."},
		},
		fr: texts{
			titles:   []string{"{org} poursuivi pour {claim}", "Procès contre {org}"},
			leads:    []string{"{people} ont assigné {org} en justice {date}, réclamant {claim} de dommages et intérêts."},
			details:  []string{"La plainte a été déposée au nom de {people}."},
			mentions: []string{"Par ailleurs, {org} est poursuivi pour {claim}."},
		}},
	{code: "product_launch", weight: 1, roles: []roleSpec{{"employer", "organization", 1}, {"subject", "product", 1}},
		facts: func(r *rand.Rand, cur string) []fact {
			return []fact{cash("cost", "amount", cur, money(r, 1_000_000, 2_000_000_000)), count("posts", "mentions", "post", round2(logUniform(r, 1000, 5_000_000)), "posts", "publications")}
		},
		en: texts{
			titles:   []string{"{org} launches {product}", "{product} unveiled by {org}"},
			leads:    []string{"{org} launched {product} {date} after investing {cost}; it drew {posts} on launch day."},
			details:  []string{"The launch generated {posts}."},
			mentions: []string{"Separately, {org} unveiled {product}, a {cost} bet."},
		},
		fr: texts{
			titles:   []string{"{org} lance {product}", "{product}, la nouveauté de {org}"},
			leads:    []string{"{org} a lancé {product} {date} après avoir investi {cost} ; le lancement a suscité {posts}."},
			details:  []string{"Le lancement a généré {posts}."},
			mentions: []string{"Par ailleurs, {org} a dévoilé {product}, un pari à {cost}."},
		}},
	{code: "social_media_trend", weight: 0.5, roles: []roleSpec{{"subject", "organization", 1}, {"mentioned", "person", 0.5}},
		facts: func(r *rand.Rand, _ string) []fact {
			return []fact{count("tweets", "mentions", "tweet", round2(logUniform(r, 10_000, 3_000_000)), "tweets", "tweets"),
				count("posts", "mentions", "post", round2(logUniform(r, 1000, 500_000)), "posts", "publications")}
		},
		en: texts{
			titles:   []string{"Hashtag about {org} trends", "{org} trends online"},
			leads:    []string{"More than {tweets} mentioned {org} {date}, along with {posts} on other platforms."},
			details:  []string{"Other platforms counted {posts}."},
			mentions: []string{"Separately, {tweets} mentioned {org}."},
		},
		fr: texts{
			titles:   []string{"{org} fait le buzz", "Un mot-clé sur {org} en tête des tendances"},
			leads:    []string{"Plus de {tweets} ont mentionné {org} {date}, ainsi que {posts} sur d’autres plateformes."},
			details:  []string{"Les autres plateformes ont compté {posts}."},
			mentions: []string{"Par ailleurs, {tweets} ont mentionné {org}."},
		}},
	{code: "advertiser_exodus", weight: 0.3, roles: []roleSpec{{"affected", "organization", 1}, {"mentioned", "org2", 0.8}},
		facts: func(r *rand.Rand, cur string) []fact {
			return []fact{cash("loss", "amount", cur, money(r, 1_000_000, 2_000_000_000)), count("posts", "mentions", "post", round2(logUniform(r, 500, 200_000)), "posts", "publications")}
		},
		en: texts{
			titles:   []string{"Advertisers flee {org}", "{org} loses advertisers"},
			leads:    []string{"Advertisers including {org2} paused spending on {org} {date}, costing it {loss}, after {posts} of protest."},
			details:  []string{"Protesters published {posts}."},
			mentions: []string{"Separately, advertisers pulled {loss} from {org}."},
		},
		fr: texts{
			titles:   []string{"Les annonceurs fuient {org}", "{org} perd ses annonceurs"},
			leads:    []string{"Des annonceurs, dont {org2}, ont suspendu leurs dépenses chez {org} {date}, soit {loss}, après {posts} de protestation."},
			details:  []string{"Les protestataires ont publié {posts}."},
			mentions: []string{"Par ailleurs, les annonceurs ont retiré {loss} à {org}."},
		}},
	{code: "ultimatum", weight: 0.2, roles: []roleSpec{{"employer", "organization", 1}, {"decision_maker", "person", 1}},
		facts: func(r *rand.Rand, _ string) []fact {
			_, n, _ := workforce(r)
			return []fact{count("people", "employees_affected", "person", n, "employees", "salariés"), count("days", "duration", "day", float64(1+r.IntN(14)), "days", "jours")}
		},
		en: texts{
			titles:   []string{"{person} gives {org} staff an ultimatum", "Ultimatum at {org}"},
			leads:    []string{"{person} gave {people} at {org} {days} to commit or leave {date}."},
			details:  []string{"Staff were given {days} to decide."},
			mentions: []string{"Separately, {person} gave {people} at {org} an ultimatum."},
		},
		fr: texts{
			titles:   []string{"{person} pose un ultimatum aux salariés de {org}", "Ultimatum chez {org}"},
			leads:    []string{"{person} a donné {days} à {people} de {org} pour s’engager ou partir {date}."},
			details:  []string{"Les salariés avaient {days} pour se décider."},
			mentions: []string{"Par ailleurs, {person} a lancé un ultimatum à {people} de {org}."},
		}},
}
