package extract

import (
	"math"
	"strconv"
)

// dec is an exact decimal c × 10^e, so that "3,7 milliards" is 3700000000
// and not 3700000000.0000005.
type dec struct {
	c int64
	e int
}

func decInt(n int64) dec { return dec{c: n} }

// normal strips trailing zeros from the coefficient.
func (d dec) normal() dec {
	if d.c == 0 {
		return dec{}
	}
	for d.c%10 == 0 {
		d.c /= 10
		d.e++
	}
	return d
}

// add adds two decimals (small values only).
func (d dec) add(o dec) dec {
	for d.e > o.e {
		d.c *= 10
		d.e--
	}
	for o.e > d.e {
		o.c *= 10
		o.e--
	}
	return dec{c: d.c + o.c, e: d.e}.normal()
}

// scale multiplies by 10^n.
func (d dec) scale(n int) dec { return dec{c: d.c, e: d.e + n}.normal() }

// mulRat multiplies by num/den; exact says whether no rounding was needed.
// Inexact results keep four decimals.
func (d dec) mulRat(num, den int64) (r dec, exact bool) {
	d = d.normal()
	n := d.c * num
	q := den
	e := d.e
	for e < 0 {
		q *= 10
		e++
	}
	for e > 0 && n < math.MaxInt64/100 {
		n *= 10
		e--
	}
	if n%q == 0 {
		return dec{c: n / q, e: e}.normal(), true
	}
	const keep = 4
	scaled := float64(n) * 1e4 / float64(q)
	return dec{c: int64(math.Round(scaled)), e: e - keep}.normal(), false
}

// round returns d rounded to an integer.
func (d dec) round() dec {
	if d.e >= 0 {
		return d
	}
	c := d.c
	for e := d.e; e < -1; e++ {
		c /= 10
	}
	rem := c % 10
	c /= 10
	if rem >= 5 {
		c++
	}
	return dec{c: c}.normal()
}

func (d dec) isInt() bool { return d.normal().e >= 0 }

func (d dec) isZero() bool { return d.c == 0 }

func (d dec) float() float64 { return float64(d.c) * math.Pow10(d.e) }

// cmp compares the values of two decimals.
func (d dec) cmp(o dec) int {
	a, b := d.float(), o.float()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// String writes the plain decimal: no exponent, no trailing zeros.
func (d dec) String() string {
	d = d.normal()
	if d.c == 0 {
		return "0"
	}
	s := strconv.FormatInt(abs64(d.c), 10)
	if d.e >= 0 {
		b := make([]byte, 0, len(s)+d.e+1)
		if d.c < 0 {
			b = append(b, '-')
		}
		b = append(b, s...)
		for i := 0; i < d.e; i++ {
			b = append(b, '0')
		}
		return string(b)
	}
	point := len(s) + d.e
	b := make([]byte, 0, len(s)+3-d.e)
	if d.c < 0 {
		b = append(b, '-')
	}
	if point <= 0 {
		b = append(b, '0', '.')
		for i := 0; i < -point; i++ {
			b = append(b, '0')
		}
		b = append(b, s...)
	} else {
		b = append(b, s[:point]...)
		b = append(b, '.')
		b = append(b, s[point:]...)
	}
	return string(b)
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
