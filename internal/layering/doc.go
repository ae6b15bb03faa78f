// Package layering holds the test that keeps the architecture's arrows
// pointing inward: the pure core never reaches the edge or the clock.
package layering
