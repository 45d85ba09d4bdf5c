package extract

import (
	"testing"
	"time"
)

// BenchmarkExtract reads a 4.7 KB English news article.
func BenchmarkExtract(b *testing.B) {
	text := readTestdata(b, "bench_en_meta.txt")
	opts := Options{Language: "auto", Published: time.Date(2022, 11, 9, 0, 0, 0, 0, time.UTC)}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(text, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractSeed reads the 2.5 KB French seed article.
func BenchmarkExtractSeed(b *testing.B) {
	text := readTestdata(b, "seed_fr_twitter.txt")
	opts := Options{Language: "auto", Published: time.Date(2022, 11, 18, 0, 0, 0, 0, time.UTC)}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(text, opts); err != nil {
			b.Fatal(err)
		}
	}
}
