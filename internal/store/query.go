package store

import (
	"fmt"
	"strings"
)

// sqlWhere builds a WHERE clause and its arguments together, so no SQL text is ever made of
// input: each %s in a condition becomes the placeholder of the next argument.
type sqlWhere struct {
	conds []string
	args  []any
}

// add appends cond, whose %s verbs stand for args in order.
func (w *sqlWhere) add(cond string, args ...any) {
	w.conds = append(w.conds, w.cond(cond, args...))
}

// cond returns cond with its %s verbs replaced by the placeholders of args, which it adds,
// for a condition kept apart from w's.
func (w *sqlWhere) cond(cond string, args ...any) string {
	ph := make([]any, len(args))
	for i, a := range args {
		ph[i] = w.arg(a)
	}
	return fmt.Sprintf(cond, ph...)
}

// arg adds an argument and returns its placeholder.
func (w *sqlWhere) arg(v any) string {
	w.args = append(w.args, v)
	return fmt.Sprintf("$%d", len(w.args))
}

// String returns the conditions joined by AND ("true" when there are none).
func (w *sqlWhere) String() string {
	if len(w.conds) == 0 {
		return "true"
	}
	return strings.Join(w.conds, "\n\t  AND ")
}

// clone returns an independent copy, to branch a base query (a count beside a page).
func (w *sqlWhere) clone() *sqlWhere {
	return &sqlWhere{conds: append([]string{}, w.conds...), args: append([]any{}, w.args...)}
}

// likeEscape escapes s for use in a LIKE pattern.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
