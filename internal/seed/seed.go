// Package seed holds the demo dataset, written by hand from the article the project started
// from (7sur7, 18 November 2022, on Twitter under Elon Musk), and loads it into the store.
//
// The dataset is embedded: the article with its full text, its actors, every event it reports
// with figures and evidence quotes (code-point offsets into the body), and the links that chain
// the story (acquisition -> layoff -> ultimatum -> departures -> offices closed).
package seed

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

//go:embed demo.json
var demoJSON []byte

// ExternalIDPrefix starts the external id of every demo event.
const ExternalIDPrefix = "demo:7sur7-2022-11-18:"

// Dataset is the demo dataset as written in demo.json.
type Dataset struct {
	Article Article          `json:"article"`
	Actors  []model.NewActor `json:"actors"`
	Events  []Event          `json:"events"`
	Links   []Link           `json:"links"`
}

// Article is the seed article.
type Article struct {
	URL       string `json:"url"`
	Source    string `json:"source"`
	Title     string `json:"title"`
	Language  string `json:"language"`
	Published string `json:"published"`
	Body      string `json:"body"`
}

// Event is one event of the dataset; actors are named by slug, figures and the evidence quote
// by their offsets into the article body.
type Event struct {
	Key           string  `json:"key"`
	Type          string  `json:"type"`
	Title         string  `json:"title"`
	Summary       string  `json:"summary"`
	DateStart     string  `json:"date_start"`
	DateEnd       string  `json:"date_end"`
	DatePrecision string  `json:"date_precision"`
	DateText      string  `json:"date_text"`
	Status        string  `json:"status"`
	Confidence    float64 `json:"confidence"`
	Actors        []struct {
		Slug string `json:"slug"`
		Role string `json:"role"`
	} `json:"actors"`
	Figures  []Figure   `json:"figures"`
	Evidence model.Span `json:"evidence"`
}

// Figure is one figure of a dataset event.
type Figure struct {
	Metric    string  `json:"metric"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Qualifier string  `json:"qualifier"`
	Derived   string  `json:"derived"`
	Text      string  `json:"text"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
}

// Link relates two dataset events by key.
type Link struct {
	From string `json:"from"`
	Type string `json:"type"`
	To   string `json:"to"`
}

// Demo returns the embedded demo dataset.
func Demo() (Dataset, error) {
	var d Dataset
	dec := json.NewDecoder(bytes.NewReader(demoJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return d, fmt.Errorf("decode demo dataset: %w", err)
	}
	return d, nil
}

// Result counts what Load added.
type Result struct {
	Articles, Actors, Events, Links int
}

// Load stores the dataset in one transaction. Records already present (the article by URL,
// actors by slug, events by external id) are left as they are, so loading twice adds nothing.
func Load(ctx context.Context, st *store.Store, d Dataset) (Result, error) {
	var res Result
	err := st.InTx(ctx, func(tx *store.Store) error {
		res = Result{}
		published, err := time.Parse(model.DateLayout, d.Article.Published)
		if err != nil {
			return fmt.Errorf("demo article date: %w", err)
		}
		lang := d.Article.Language
		articleID, created, err := tx.EnsureArticle(ctx, model.NewArticle{
			URL: d.Article.URL, Source: d.Article.Source, Title: d.Article.Title,
			Language: &lang, PublishedAt: &published, Body: d.Article.Body,
		})
		if err != nil {
			return err
		}
		res.Articles += count(created)

		actorIDs := map[string]int64{}
		for _, a := range d.Actors {
			id, created, err := tx.EnsureActor(ctx, a)
			if err != nil {
				return err
			}
			actorIDs[a.Slug] = id
			res.Actors += count(created)
		}

		eventIDs := map[string]int64{}
		for _, e := range d.Events {
			extID := ExternalIDPrefix + e.Key
			id, err := tx.EventIDByExternalID(ctx, extID)
			if err == nil {
				eventIDs[e.Key] = id
				continue
			}
			if model.ErrorCode(err) != model.NotFound {
				return err
			}
			ne, err := e.toNewEvent(extID, articleID, actorIDs)
			if err != nil {
				return err
			}
			if eventIDs[e.Key], err = tx.CreateEvent(ctx, ne); err != nil {
				return fmt.Errorf("demo event %s: %w", e.Key, err)
			}
			res.Events++
		}

		for _, l := range d.Links {
			from, ok1 := eventIDs[l.From]
			to, ok2 := eventIDs[l.To]
			if !ok1 || !ok2 {
				return fmt.Errorf("demo link %s %s %s: unknown event", l.From, l.Type, l.To)
			}
			added, err := tx.LinkEvents(ctx, model.NewLink{FromEventID: from, Type: l.Type, ToEventID: to})
			if err != nil {
				return err
			}
			res.Links += count(added)
		}
		return nil
	})
	return res, err
}

func (e Event) toNewEvent(extID string, articleID int64, actorIDs map[string]int64) (model.NewEvent, error) {
	start, err := model.ParseDate(e.DateStart)
	if err != nil {
		return model.NewEvent{}, fmt.Errorf("demo event %s: date_start: %w", e.Key, err)
	}
	end, err := model.ParseDate(e.DateEnd)
	if err != nil {
		return model.NewEvent{}, fmt.Errorf("demo event %s: date_end: %w", e.Key, err)
	}
	conf := e.Confidence
	ne := model.NewEvent{
		Type: e.Type, Title: e.Title, Summary: e.Summary,
		DateStart: start, DateEnd: end, DatePrecision: e.DatePrecision, DateText: e.DateText,
		Status: e.Status, Confidence: &conf, ExternalID: &extID,
		Sources: []model.NewSource{{ArticleID: articleID, Evidence: &model.Span{Text: e.Evidence.Text, Start: e.Evidence.Start, End: e.Evidence.End}}},
	}
	for _, a := range e.Actors {
		id, ok := actorIDs[a.Slug]
		if !ok {
			return model.NewEvent{}, fmt.Errorf("demo event %s: unknown actor %q", e.Key, a.Slug)
		}
		ne.Actors = append(ne.Actors, model.NewEventActor{ActorID: id, Role: a.Role})
	}
	for _, f := range e.Figures {
		aid, start, end := articleID, f.Start, f.End
		ne.Figures = append(ne.Figures, model.NewFigure{
			Metric: f.Metric, Value: f.Value, Unit: f.Unit, Qualifier: f.Qualifier, Derived: f.Derived,
			ArticleID: &aid, Text: f.Text, Start: &start, End: &end,
		})
	}
	return ne, nil
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}
