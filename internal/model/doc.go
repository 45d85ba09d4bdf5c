// Package model defines the records newsevents stores and serves (events, actors, figures,
// articles and their links) and the one error vocabulary shared by the store, the services and
// the HTTP layer. It has no I/O.
package model
