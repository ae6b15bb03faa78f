package sim

import (
	"math"
	"math/rand/v2"
)

// routeVertices is how finely a loop is drawn: 20-35 m between vertices.
const routeVertices = 256

// route is a closed loop through the runner's home, as a polyline in
// metres east and north of home with an altitude at each vertex, indexed
// by the distance along it. Runs longer than the loop go round again.
type route struct {
	lengthM           float64
	cumM              []float64 // distance along the loop at each vertex; routeVertices+1 entries
	east, north, altM []float64 // at each vertex; the last repeats the first
	cursor            int       // vertex at or before the last position asked for
}

// newRoute draws a smooth, irregular loop of lengthM metres starting and
// ending at home, with gentle rolling hills (grades of a few percent).
func newRoute(rng *rand.Rand, lengthM float64) *route {
	a1, a2 := 0.25*rng.Float64(), 0.15*rng.Float64()
	p1, p2 := 2*math.Pi*rng.Float64(), 2*math.Pi*rng.Float64()
	turn := 2 * math.Pi * rng.Float64()
	rt := &route{
		lengthM: lengthM,
		cumM:    make([]float64, routeVertices+1),
		east:    make([]float64, routeVertices+1),
		north:   make([]float64, routeVertices+1),
		altM:    make([]float64, routeVertices+1),
	}
	// A wobbly circle of unit mean radius, shifted so vertex 0 is home,
	// then scaled to the wanted length.
	for j := range routeVertices + 1 {
		th := 2 * math.Pi * float64(j) / routeVertices
		rad := 1 + a1*math.Sin(2*th+p1) + a2*math.Sin(3*th+p2)
		rt.east[j] = rad * math.Cos(th+turn)
		rt.north[j] = rad * math.Sin(th+turn)
	}
	e0, n0 := rt.east[0], rt.north[0]
	for j := range rt.east {
		rt.east[j] -= e0
		rt.north[j] -= n0
		if j > 0 {
			rt.cumM[j] = rt.cumM[j-1] + math.Hypot(rt.east[j]-rt.east[j-1], rt.north[j]-rt.north[j-1])
		}
	}
	scale := lengthM / rt.cumM[routeVertices]
	for j := range rt.east {
		rt.east[j] *= scale
		rt.north[j] *= scale
		rt.cumM[j] *= scale
	}
	// Hills as two waves along the loop, whole numbers of them per lap so
	// the loop closes, zero at home.
	h1, h2 := 2+6*rng.Float64(), 0.5+2*rng.Float64()
	k1, k2 := float64(1+rng.IntN(3)), float64(4+rng.IntN(4))
	q1, q2 := 2*math.Pi*rng.Float64(), 2*math.Pi*rng.Float64()
	for j := range rt.altM {
		x := 2 * math.Pi * rt.cumM[j] / lengthM
		rt.altM[j] = h1*(math.Sin(k1*x+q1)-math.Sin(q1)) + h2*(math.Sin(k2*x+q2)-math.Sin(q2))
	}
	return rt
}

// at is the position in metres east and north of home, the altitude
// relative to home, and the grade (rise over run) at distance dM along
// the run. Successive calls are fastest with growing distances.
func (rt *route) at(dM float64) (east, north, altM, grade float64) {
	x := math.Mod(dM, rt.lengthM)
	if x < rt.cumM[rt.cursor] {
		rt.cursor = 0
	}
	for rt.cursor < routeVertices-1 && rt.cumM[rt.cursor+1] <= x {
		rt.cursor++
	}
	j := rt.cursor
	span := rt.cumM[j+1] - rt.cumM[j]
	t := (x - rt.cumM[j]) / span
	lerp := func(v []float64) float64 { return v[j] + t*(v[j+1]-v[j]) }
	return lerp(rt.east), lerp(rt.north), lerp(rt.altM), (rt.altM[j+1] - rt.altM[j]) / span
}
