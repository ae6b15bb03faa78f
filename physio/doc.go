// Package physio holds the physiology formulas easyrun uses: maximum and
// resting heart rate (set, detected from data or estimated), heart-rate
// zones and the recovery cap, session load (TRIMP, hrTSS, session-RPE),
// energy and fuel estimates, the polarization index, and heart-rate
// variability (rMSSD) with the morning baseline against a runner's normal.
//
// Everything here is pure and deterministic. Each formula lives in one
// place with a comment naming its section of science.md, the project's
// reference with worked examples.
package physio
