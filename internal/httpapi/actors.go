package httpapi

import (
	"log/slog"
	"net/http"
	"regexp"
	"strings"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// actorCursor is the opaque cursor of actor listings.
type actorCursor struct {
	Name string `json:"n"`
	ID   int64  `json:"i"`
}

var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

func handleActorList(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r, "q", "kind", "country", "limit", "cursor")
		f := store.ActorFilter{
			Query:   q.text("q", maxQueryLength),
			Kinds:   q.listOf("kind", model.ActorKinds),
			Country: strings.ToUpper(q.single("country")),
			Limit:   q.limit(opts.DefaultLimit, opts.MaxLimit),
		}
		if f.Country != "" && !countryCode.MatchString(f.Country) {
			q.errs.Param("country", "%q is not an ISO 3166-1 alpha-2 code such as US or FR", f.Country)
		}
		var c actorCursor
		if q.cursor(&c) {
			f.After = &store.ActorCursor{Name: c.Name, ID: c.ID}
		}
		if err := q.err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		page, err := st.ListActors(r.Context(), f)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		next := setNext(w, r, page.Next != nil, func() any { return actorCursor{Name: page.Next.Name, ID: page.Next.ID} })
		respond(w, r, newListPage(page.Actors, next))
	}
}

func handleActorGet(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ref, err := refParam(r, "id")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		if err := newQuery(r).err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		a, err := st.GetActor(r.Context(), ref)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		respond(w, r, a)
	}
}

// handleActorEvents lists the events of one actor, with every event filter (an actor
// parameter further narrows to events involving that actor too).
func handleActorEvents(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ref, err := refParam(r, "id")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		a, err := st.GetActor(r.Context(), ref)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		q := newQuery(r, eventListParams...)
		f, err := parseEventFilter(r.Context(), st, q)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		f.Actors = append(f.Actors, []int64{a.ID})
		serveEvents(w, r, log, st, opts, q, f)
	}
}
