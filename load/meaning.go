package load

import "fmt"

// Bands of form as a share of fitness. Form is in load units, which
// differ between TRIMP, hrTSS and session-RPE; as a share of fitness the
// same words fit every unit.
const (
	freshShare      = 0.25  // above: very fresh, fitness fading
	readyShare      = 0.05  // above: fresh
	neutralShare    = -0.10 // above: neutral
	productiveShare = -0.30 // above: productive fatigue; below: too much
)

// MinFitness is the least fitness a share of it means anything for: below
// it, after weeks without training, any form is a huge share.
const MinFitness = 1

// ACWR guidance (Gabbett 2016, science.md §5).
const (
	acwrLow   = 0.8
	acwrHigh  = 1.3
	acwrSpike = 1.5
)

// Meaning explains the point's numbers in plain words, one sentence per
// number, for the runner to read beside them.
func (p Point) Meaning() []string {
	if p.Fitness == 0 && p.Fatigue == 0 {
		return []string{"no training load yet: fitness, fatigue and form start when you log a session"}
	}
	m := []string{
		fmt.Sprintf("fitness %.0f: your load averaged over about %d days; fatigue %.0f: over about %d days",
			p.Fitness, fitnessDays, p.Fatigue, fatigueDays),
		p.formWords(),
	}
	if p.Chronic > 0 {
		m = append(m, p.acwrWords())
	}
	return m
}

// FormMeaning is the form in words: how fresh or tired, as a share of
// fitness, or why it cannot be judged yet.
func (p Point) FormMeaning() string { return p.formWords() }

func (p Point) formWords() string {
	// Form is judged as a share of fitness, and fitness builds over weeks:
	// before chronicDays of history every new runner would look exhausted.
	if p.Days < chronicDays {
		return fmt.Sprintf("form %+.0f: with %d days of history, fitness has not built up enough to judge freshness yet",
			p.Form, p.Days)
	}
	if p.Fitness < MinFitness {
		return fmt.Sprintf("form %+.0f: fitness is near zero, with no recent training to judge freshness by", p.Form)
	}
	share := p.Form / p.Fitness
	var words string
	switch {
	case share > freshShare:
		words = "very fresh; if this lasts, fitness is fading"
	case share > readyShare:
		words = "fresh: ready for a hard session or a race"
	case share > neutralShare:
		words = "neutral: neither fresh nor tired"
	case share > productiveShare:
		words = "you are carrying fatigue from training; it pays off if easy days follow"
	default:
		words = "heavy fatigue: back off with recovery runs or rest"
	}
	return fmt.Sprintf("form %+.0f (%+.0f %% of fitness): %s", p.Form, share*100, words)
}

func (p Point) acwrWords() string {
	var words string
	switch {
	case p.ACWR < acwrLow:
		words = "less load than you are used to; fine for a recovery week, detraining if it lasts"
	case p.ACWR <= acwrHigh:
		words = "in the 0.8-1.3 range linked with a lower injury risk (Gabbett 2016)"
	case p.ACWR <= acwrSpike:
		words = "a spike in load; above 1.3 the injury risk rises (Gabbett 2016)"
	default:
		words = "a big spike in load, above 1.5: ease off for a few days (Gabbett 2016)"
	}
	s := fmt.Sprintf("ACWR %.2f: %s", p.ACWR, words)
	if p.Days < chronicDays {
		s += fmt.Sprintf("; with only %d days of history the ratio is not yet reliable", p.Days)
	}
	return s
}
