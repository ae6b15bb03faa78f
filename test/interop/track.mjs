// Reads GPX and TCX files with @tmcw/togeojson (on @xmldom/xmldom's DOM
// parser), a second reader for easyrun's, and prints what it found in
// each file as JSON: the timed track points, in order, with whether each
// has a heart rate, the great-circle distance between consecutive timed
// points of a track (across its segments: writers split one after a lost
// signal), and for TCX the distance its laps state.
//
//   node track.mjs FILE...
import { readFileSync } from "node:fs";
import { DOMParser } from "@xmldom/xmldom";
import { gpx, tcx } from "@tmcw/togeojson";

// haversine is the great-circle distance in metres, on the sphere of the
// mean Earth radius, as GPX readers commonly measure.
function haversine([lon1, lat1], [lon2, lat2]) {
  const r = 6371008.8, rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(a));
}

// lines are the coordinate lists of a feature with their properties'
// index: a MultiLineString (GPX segments) gives one per segment.
function lines(f) {
  const g = f.geometry;
  if (!g) return [];
  if (g.type === "LineString") return [[g.coordinates, (p) => p]];
  if (g.type === "MultiLineString") return g.coordinates.map((c, i) => [c, (p) => (Array.isArray(p?.[0]) || p?.[0] === null ? p[i] : p)]);
  return [];
}

const out = {};
for (const file of process.argv.slice(2)) {
  const isTCX = /\.tcx$/i.test(file);
  const doc = new DOMParser().parseFromString(readFileSync(file, "utf8"), "text/xml");
  const fc = isTCX ? tcx(doc) : gpx(doc);
  const points = [];
  let pathM = 0, lapsM = 0;
  for (const f of fc.features) {
    const p = f.properties || {};
    const cp = p.coordinateProperties || {};
    if (isTCX && typeof p.distanceMeters === "number") lapsM += p.distanceMeters;
    let last = null;
    for (const [coords, pick] of lines(f)) {
      const times = pick(cp.times) || [];
      const hrs = pick(cp.heart || cp.heartRates) || [];
      coords.forEach((c, i) => {
        if (!times[i]) return;
        points.push({ time: times[i], hr: typeof hrs[i] === "number" && hrs[i] > 0 });
        if (last) pathM += haversine(last, c);
        last = c;
      });
    }
  }
  out[file] = { points, path_m: pathM, laps_m: lapsM };
}
console.log(JSON.stringify(out));
