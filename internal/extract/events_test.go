package extract

import (
	"slices"
	"strings"
	"testing"
)

// eventCase is a short text and what should come out of it: the event
// types (sorted, one per event), and optionally actor roles ("layoff
// employer=Meta") and figures ("layoff employees_affected=11000").
type eventCase struct {
	name, lang, pub, text string
	types                 []string
	checks                []string
}

func TestEventRules(t *testing.T) {
	cases := []eventCase{
		// layoff triggers, both languages
		{"en lay off", "en", "2022-11-09", "Meta said on Wednesday it would lay off 11,000 employees.", []string{"layoff"},
			[]string{"layoff employer=Meta", "layoff employees_affected=11000"}},
		{"en job cuts", "en", "2023-01-20", "Alphabet announced 12,000 job cuts on Friday.", []string{"layoff"},
			[]string{"layoff employees_affected=12000"}},
		{"en slash workforce", "en", "2022-08-31", "Snap will slash its workforce by 20%, the company said.", []string{"layoff"},
			[]string{"layoff workforce_share=0.2"}},
		{"en redundancies", "en", "2023-05-18", "BT Group confirmed 300 redundancies at its Belfast site.", []string{"layoff"},
			[]string{"layoff employees_affected=300"}},
		{"fr licencier", "fr", "2022-11-18", "Twitter a licencié 3 700 salariés vendredi.", []string{"layoff"},
			[]string{"layoff employer=Twitter", "layoff employees_affected=3700"}},
		{"fr suppression de postes", "fr", "2023-06-13", "Sanofi annonce la suppression de 400 postes en France.", []string{"layoff"},
			[]string{"layoff employees_affected=400"}},
		{"fr plan social", "fr", "2023-06-13", "La direction de Casino a présenté un plan social aux syndicats.", []string{"layoff"}, nil},
		{"en share of workforce", "en", "2024-08-02", "Intel will cut more than 15% of its global workforce as part of a $10 billion cost-reduction plan for 2025, the chipmaker said on Thursday.",
			[]string{"layoff"}, []string{"layoff workforce_share=0.15", "layoff cost_savings=10000000000", "layoff employer=Intel"}},
		{"fr share before", "fr", "2022-11-10", "Getaround a réduit ses effectifs d'un tiers.", []string{"layoff"},
			[]string{"layoff workforce_share=0.3333"}},
		{"en sector before name", "en", "2025-05-07", "May 7 (Reuters) - Cybersecurity firm CrowdStrike said on Wednesday it would cut about 500 jobs.", []string{"layoff"},
			[]string{"layoff employer=CrowdStrike", "layoff employees_affected=500"}},
		{"fr mettre a pied", "fr", "2025-05-28", "Northvolt a annoncé mardi qu'elle mettait à pied 20 employés.", []string{"layoff"},
			[]string{"layoff employer=Northvolt", "layoff employees_affected=20"}},
		{"fr depart de son administrateur delegue", "fr", "2024-06-21", "Umicore a annoncé vendredi le départ, d'un commun accord, de son administrateur délégué Mathias Miedreich.", []string{"departure"},
			[]string{"departure person=Mathias Miedreich"}},
		{"en old reminder in a feature", "en", "2025-07-16", "Intel was once the leader.\n\nGelsinger was forced out last December. On Tuesday, Intel told employees that it would lay off 2,392 workers.", []string{"layoff"},
			[]string{"layoff employees_affected=2392"}},
		// dismissal, not layoff, when the object is a person or an executive
		{"en fired CEO", "en", "2022-10-28", "Elon Musk fired chief executive Parag Agrawal on Thursday.", []string{"dismissal"},
			[]string{"dismissal person=Parag Agrawal", "dismissal decision_maker=Elon Musk"}},
		{"fr limogé", "fr", "2019-01-25", "Le conseil d'administration a limogé le PDG Carlos Ghosn.", []string{"dismissal"},
			[]string{"dismissal person=Carlos Ghosn"}},
		// resignations and departures
		{"en resigned", "en", "2022-01-17", "Credit Suisse chairman Antonio Horta-Osorio has resigned.", []string{"resignation"},
			[]string{"resignation person=Antonio Horta-Osorio"}},
		{"fr démission", "fr", "2022-01-31", "Yves Le Masne a annoncé sa démission.", []string{"resignation"},
			[]string{"resignation person=Yves Le Masne"}},
		{"fr sont N à", "fr", "2022-11-18", "Ils sont plusieurs centaines à avoir quitté l'entreprise Twitter.", []string{"departure"},
			[]string{"departure employees_affected=200"}},
		{"en hundreds quit", "en", "2022-11-18", "Hundreds of Twitter employees quit on Thursday.", []string{"resignation"},
			[]string{"resignation employees_affected=200"}},
		// appointments
		{"en named CEO", "en", "2023-05-12", "Twitter named Linda Yaccarino as chief executive on Friday.", []string{"appointment"},
			[]string{"appointment person=Linda Yaccarino", "appointment employer=Twitter"}},
		{"fr nommé", "fr", "2020-01-28", "Luca de Meo a été nommé directeur général de Renault.", []string{"appointment"},
			[]string{"appointment person=Luca de Meo"}},
		// a deal told only as others report it, still being made, is a rumour;
		// a done deal others report is news
		{"fr rumeur selon médias", "fr", "2025-07-09", "Orange et Free pourraient déposer dans les prochains jours une offre pour racheter SFR, selon plusieurs médias.", nil, nil},
		{"en in talks familiar", "en", "2024-03-01", "Acme Corp is in talks to acquire Globex, according to people familiar with the matter.", nil, nil},
		{"fr rachat selon presse", "fr", "2025-07-09", "Orange a racheté SFR pour 20 milliards d'euros, selon plusieurs médias.", []string{"acquisition"},
			[]string{"acquisition target=SFR"}},
		{"en deal including debt", "en", "2024-08-14", "Mars Inc agreed on Wednesday to buy Kellanova for about $35.9 billion including debt.", []string{"acquisition"},
			[]string{"acquisition target=Kellanova", "acquisition deal_value=35900000000"}},
		{"en hiring such as", "en", "2023-05-02", "Hiring in back-office functions such as human resources will be suspended or slowed, Arvind Krishna said.", nil, nil},
		{"en succeed", "en", "2024-02-22", "Katie Ringgold will succeed Ed Clark as head of the program.", []string{"appointment"},
			[]string{"appointment person=Katie Ringgold", "appointment predecessor=Ed Clark"}},
		{"en to replace him", "en", "2025-09-01", "Nestle named Philipp Navratil, a company veteran who has run its coffee unit since last year, to replace him.",
			[]string{"appointment"}, []string{"appointment person=Philipp Navratil"}},
		// acquisitions: active, passive, nominal, sale
		{"en acquire", "en", "2022-01-18", "Microsoft will acquire Activision Blizzard for $68.7 billion.", []string{"acquisition"},
			[]string{"acquisition acquirer=Microsoft", "acquisition target=Activision Blizzard", "acquisition deal_value=68700000000"}},
		{"en passive", "en", "2022-09-15", "Figma will be acquired by Adobe for $20 billion.", []string{"acquisition"},
			[]string{"acquisition acquirer=Adobe", "acquisition target=Figma"}},
		{"fr rachat de par", "fr", "2023-10-14", "Le rachat d'Activision Blizzard par Microsoft a été finalisé vendredi.", []string{"acquisition"},
			[]string{"acquisition acquirer=Microsoft", "acquisition target=Activision Blizzard"}},
		{"fr racheté", "fr", "2022-11-18", "Elon Musk a racheté Twitter pour 44 milliards de dollars, dont 27 milliards de dollars de sa poche.", []string{"acquisition"},
			[]string{"acquisition acquirer=Elon Musk", "acquisition deal_value=44000000000", "acquisition personal_contribution=27000000000"}},
		{"en per share", "en", "2023-09-21", "Cisco will buy Splunk for $157 a share, in a deal valued at $28 billion.", []string{"acquisition"},
			[]string{"acquisition price_per_share=157", "acquisition deal_value=28000000000"}},
		// closures, bankruptcies, ultimatums, trends
		{"fr fermer magasins", "fr", "2022-09-29", "Camaïeu va fermer ses 511 magasins.", []string{"closure"},
			[]string{"closure subject=Camaïeu", "closure sites_closed=511"}},
		{"fr usine de lieu", "fr", "2024-10-30", "La direction d'Audi a confirmé mardi la fermeture de l'usine de Forest, son site bruxellois de Forest.", []string{"closure"},
			[]string{"closure subject=Audi"}},
		{"en offices closed", "en", "2022-11-18", "Twitter said its offices would be temporarily closed until Monday.", []string{"closure"}, nil},
		{"en chapter 11", "en", "2023-04-24", "Bed Bath & Beyond filed for Chapter 11 bankruptcy protection on Sunday.", []string{"bankruptcy"},
			[]string{"bankruptcy subject=Bed Bath & Beyond"}},
		{"en stores will close", "en", "2023-09-11", "All of Wilko's 400 stores will close by early October.", []string{"closure"},
			[]string{"closure subject=Wilko", "closure sites_closed=400"}},
		{"en administration", "en", "2023-08-11", "Discount chain Wilko collapsed into administration on Thursday.", []string{"bankruptcy"},
			[]string{"bankruptcy subject=Wilko"}},
		{"fr liquidation", "fr", "2022-09-29", "Le tribunal a prononcé la liquidation judiciaire de Camaïeu.", []string{"bankruptcy"}, nil},
		{"en ultimatum", "en", "2022-11-16", "Elon Musk gave Twitter staff an ultimatum: commit to hardcore work or leave.", []string{"ultimatum"},
			[]string{"ultimatum decision_maker=Elon Musk"}},
		{"fr trend", "fr", "2022-11-18", "Plus de 650.000 tweets ont utilisé le mot-clé #RIPTwitter.", []string{"social_media_trend"},
			[]string{"social_media_trend subject=Twitter", "social_media_trend mentions=650000"}},
		// no events: negation, denial, hypotheses, background, other uses of the words
		{"en no plans", "en", "2023-03-03", "Google has no plans for further mass layoffs, its chief executive said.", nil, nil},
		{"en denied", "en", "2023-06-05", "Tesla denied a report that it was planning to lay off workers in Germany.", nil, nil},
		{"fr ne pas", "fr", "2023-10-01", "Stellantis ne prévoit pas de licenciements en France.", nil, nil},
		{"fr aucun", "fr", "2024-07-30", "Il n'y aura aucune suppression de postes chez Airbus, assure la direction.", nil, nil},
		{"fr rumeur", "fr", "2023-07-20", "Selon des rumeurs, Atos pourrait céder sa division à un milliardaire tchèque.", nil, nil},
		{"en relative past", "en", "2023-06-05", "Elon Musk, who bought Twitter for $44 billion last year, visited Berlin on Monday.", nil, nil},
		{"fr plus-que-parfait", "fr", "2023-11-30", "Le groupe avait déjà réduit ses effectifs de recherche en 2019.", nil, nil},
		{"fr plus-que-parfait nom", "fr", "2023-03-20", "Le secteur bancaire souffre.\n\nLa banque avait déjà annoncé en octobre la suppression de 9 000 postes.", nil, nil},
		{"en deal could", "en", "2024-09-21", "Markets rose.\n\nA deal, which would face antitrust scrutiny, could value Intel at more than $90 billion.", nil, nil},
		{"en urged", "en", "2022-11-09\n", "Background.\n\nAn investor urged Meta last month to cut its workforce by 20%.", nil, nil},
		{"fr alternative", "fr", "2022-11-16", "Le patron a demandé aux salariés de s'engager ou de quitter l'entreprise.", []string{"ultimatum"}, nil},
		{"en alternative", "en", "2022-11-16", "Employees were told to sign the pledge by Thursday or leave the company.", []string{"ultimatum"}, nil},
		{"fr point de départ", "fr", "2023-04-12", "Ce rapport est le point de départ d'une réflexion sur le taux de départ.", nil, nil},
		{"en cut prices", "en", "2023-04-12", "The retailer cut prices on 500 products last week.", nil, nil},
		{"fr fermer les yeux", "fr", "2023-04-12", "Le gouvernement ne peut pas fermer les yeux sur la situation.", nil, nil},
		{"en old news", "en", "2023-06-05", "Paragraph one.\n\nIn 2019, the company laid off 2,000 workers at its plant.", nil, nil},
		{"fr lire aussi", "fr", "2023-06-13", "Sanofi investit en France.\nLire aussi : Twitter licencie 3 700 salariés", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := mustExtract(t, c.text, c.lang, strings.TrimSpace(c.pub))
			var got []string
			for _, e := range r.Events {
				got = append(got, e.Type)
			}
			slices.Sort(got)
			if !slices.Equal(got, c.types) {
				for _, e := range r.Events {
					t.Logf("%s %q: %s", e.Type, e.Title, e.Evidence.Text)
				}
				t.Fatalf("types %v, want %v", got, c.types)
			}
			for _, chk := range c.checks {
				typ, rest, _ := strings.Cut(chk, " ")
				key, want, _ := strings.Cut(rest, "=")
				if !eventHas(findEvents(r, typ), key, want) {
					t.Errorf("no %s with %s=%s in %+v", typ, key, want, findEvents(r, typ))
				}
			}
		})
	}
}

// eventHas tells whether one of the events has an actor in role key named
// want, or a figure of metric key with value want.
func eventHas(evs []Event, key, want string) bool {
	for _, e := range evs {
		for _, a := range e.Actors {
			if a.Role == key && a.Name == want {
				return true
			}
		}
		for _, f := range e.Figures {
			if f.Metric == key && string(f.Value) == want {
				return true
			}
		}
	}
	return false
}

// TestFigureNotMetric holds figures out of a metric their words mimic: a
// part of a mixed price, a market price, a count of jobs at risk.
func TestFigureNotMetric(t *testing.T) {
	cases := []struct{ name, lang, pub, text, metric, value string }{
		{"cash part", "en", "2024-01-16", "Synopsys agreed to buy Ansys on Tuesday. Holders will receive $197 in cash and 0.345 of a Synopsys share for each share, which values Ansys at $390.19 per share.",
			MetricPricePerShare, "197"},
		{"market price", "fr", "2023-03-20", "UBS a accepté dimanche de racheter Credit Suisse pour 3 milliards de francs suisses, soit 0,76 franc suisse par action, loin des 1,86 franc auxquels le titre avait clôturé vendredi.",
			MetricPricePerShare, "1.86"},
		{"valuation of a stake's company", "fr", "2023-07-27", "Kering a annoncé jeudi l'acquisition de 30 % du capital de Valentino pour 1,7 milliard d'euros. L'opération valorise Valentino à plus de 5 milliards d'euros.",
			MetricDealValue, "5000000000"},
		{"jobs at risk", "en", "2024-11-26", "Vauxhall to close Luton van plant with 1,100 jobs at risk", MetricHeadcount, "1100"},
		{"earlier round", "en", "2023-04-25", "Acme Corp said on Tuesday it would eliminate about 6,000 jobs, in addition to the 2,500 manufacturing roles it announced in January.",
			MetricEmployeesAffected, "2500"},
		{"earlier round fr", "fr", "2023-04-25", "Acme a annoncé mardi la suppression de 600 postes, en plus des 250 emplois supprimés en janvier.",
			MetricEmployeesAffected, "250"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := mustExtract(t, c.text, c.lang, c.pub)
			if len(r.Events) == 0 {
				t.Fatal("no event")
			}
			for _, e := range r.Events {
				for _, f := range e.Figures {
					if f.Metric == c.metric && string(f.Value) == c.value {
						t.Errorf("%s %s %s from %q", e.Type, f.Metric, f.Value, f.Text)
					}
				}
			}
		})
	}
}
