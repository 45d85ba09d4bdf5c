// Package metrics keeps the Prometheus metrics of one newsevents server: HTTP requests by
// route, method and status with their latency, requests in flight, the database connection
// pool, and the Go runtime and process. Each server owns its registry; nothing is global.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics records what a server does and serves it in the Prometheus text format.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
}

// New returns the metrics of one server. poolStat, when not nil, is read at each scrape for
// the database pool gauges and counters.
func New(poolStat func() *pgxpool.Stat) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsevents_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "newsevents_http_request_duration_seconds",
			Help:    "Time from receiving an HTTP request to the end of its answer, by route pattern and method.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "newsevents_http_requests_in_flight",
			Help: "HTTP requests being answered now.",
		}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.inFlight,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	if poolStat != nil {
		m.reg.MustRegister(poolCollector{stat: poolStat})
	}
	return m
}

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Begin counts a request in flight; call the returned function when it is answered.
func (m *Metrics) Begin() func() {
	m.inFlight.Inc()
	return m.inFlight.Dec
}

// Observe records one answered request. route is the route pattern (such as
// /v1/events/{id}), never the raw path, so the number of series stays bounded.
func (m *Metrics) Observe(route, method string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route, method).Observe(d.Seconds())
}

// poolCollector reads the pgx pool's statistics at scrape time.
type poolCollector struct {
	stat func() *pgxpool.Stat
}

var (
	poolConns = prometheus.NewDesc("newsevents_db_pool_connections",
		"Database connections of the pool, by state.", []string{"state"}, nil)
	poolMax = prometheus.NewDesc("newsevents_db_pool_max_connections",
		"Largest number of connections the pool may open.", nil, nil)
	poolAcquires = prometheus.NewDesc("newsevents_db_pool_acquires_total",
		"Connections taken from the pool.", nil, nil)
	poolEmptyAcquires = prometheus.NewDesc("newsevents_db_pool_empty_acquires_total",
		"Acquires that had to wait for a connection because none was idle.", nil, nil)
	poolCanceledAcquires = prometheus.NewDesc("newsevents_db_pool_canceled_acquires_total",
		"Acquires given up before a connection came free.", nil, nil)
	poolAcquireSeconds = prometheus.NewDesc("newsevents_db_pool_acquire_seconds_total",
		"Time spent waiting for connections.", nil, nil)
)

func (c poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolConns, poolMax, poolAcquires, poolEmptyAcquires, poolCanceledAcquires, poolAcquireSeconds} {
		ch <- d
	}
}

func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stat()
	if s == nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.AcquiredConns()), "acquired")
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.IdleConns()), "idle")
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.ConstructingConns()), "constructing")
	ch <- prometheus.MustNewConstMetric(poolMax, prometheus.GaugeValue, float64(s.MaxConns()))
	ch <- prometheus.MustNewConstMetric(poolAcquires, prometheus.CounterValue, float64(s.AcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolEmptyAcquires, prometheus.CounterValue, float64(s.EmptyAcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolCanceledAcquires, prometheus.CounterValue, float64(s.CanceledAcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolAcquireSeconds, prometheus.CounterValue, s.AcquireDuration().Seconds())
}
