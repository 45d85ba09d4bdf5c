package extract

import "time"

// Vocabulary lists every code Extract may write, for the database's
// vocabulary tables and CHECK constraints. Units also include ISO 4217
// currency codes (Currencies).
type Vocabulary struct {
	EventTypes, Metrics, Units, Currencies, Qualifiers, Precisions, Kinds, Roles []string
}

// Codes returns the vocabulary of Extract's output.
func Codes() Vocabulary {
	v := Vocabulary{
		EventTypes: []string{TypeLayoff, TypeResignation, TypeDeparture, TypeDismissal, TypeAppointment, TypeAcquisition,
			TypeUltimatum, TypeClosure, TypeBankruptcy, TypeSocialMediaTrend},
		Metrics: []string{MetricEmployeesAffected, MetricWorkforceShare, MetricHeadcount, MetricDealValue,
			MetricPersonalContribution, MetricPricePerShare, MetricStake, MetricMentions, MetricSitesClosed,
			MetricCostSavings, MetricRestructuringCost},
		Units:      []string{UnitPerson, UnitRatio, UnitTweet, UnitPost, UnitSite},
		Qualifiers: []string{QualExact, QualApproximate, QualAtLeast, QualAtMost, QualRange},
		Precisions: []string{PrecisionDay, PrecisionWeek, PrecisionMonth, PrecisionSeason, PrecisionQuarter, PrecisionYear},
		Kinds:      []string{KindPerson, KindOrganization, KindGroup, KindProduct},
		Roles: []string{RoleEmployer, RoleDecisionMaker, RoleAcquirer, RoleTarget, RoleSeller, RolePerson,
			RolePredecessor, RoleSubject},
	}
	seen := map[string]bool{}
	for code := range currencyCodes {
		seen[code] = true
	}
	for _, code := range currencySymbols {
		seen[code] = true
	}
	for _, code := range currencyWords {
		seen[code] = true
	}
	for _, code := range dollarQualifiers {
		seen[code] = true
	}
	for _, code := range dollarPrefixes {
		seen[code] = true
	}
	for code := range seen {
		v.Currencies = append(v.Currencies, code)
	}
	sortStrings(v.Currencies)
	return v
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Range parses the date range; ok is false when it is unresolved.
func (d Date) Range() (start, end time.Time, ok bool) {
	if d.Start == "" || d.End == "" {
		return time.Time{}, time.Time{}, false
	}
	s, err1 := time.Parse("2006-01-02", d.Start)
	e, err2 := time.Parse("2006-01-02", d.End)
	return s, e, err1 == nil && err2 == nil
}
