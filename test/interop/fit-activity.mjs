// Decodes FIT activity files with Garmin's FIT SDK and prints, as JSON,
// what it reads of each file in order: its sessions (sport, times,
// distance), and its records: how many, the first and last timestamp,
// and per value easyrun reads (heart rate, power, cadence, distance,
// altitude) how many records carry it and their mean, natively or as a
// developer field of that name.
//
// Usage: node fit-activity.mjs FILE...
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';

const values = ['heartRate', 'power', 'cadence', 'distance', 'altitude'];
// Developer field names, lower-cased without spaces, per value.
const devNames = { heartrate: 'heartRate', power: 'power', cadence: 'cadence', distance: 'distance' };

function read(file) {
	const decoder = new Decoder(Stream.fromBuffer(readFileSync(file)));
	const { messages, errors } = decoder.read({ includeUnknownData: false });
	const descs = {};
	for (const d of messages.fieldDescriptionMesgs ?? []) {
		descs[`${d.developerDataIndex}/${d.fieldDefinitionNumber}`] = String(d.fieldName).toLowerCase().replaceAll(' ', '');
	}
	const records = messages.recordMesgs ?? [];
	const stats = Object.fromEntries(values.map((v) => [v, { count: 0, sum: 0 }]));
	for (const r of records) {
		const row = {};
		for (const v of values) if (typeof r[v] === 'number') row[v] = r[v];
		for (const [key, value] of Object.entries(r.developerFields ?? {})) {
			const name = devNames[descs[`0/${key}`]];
			if (name && !(name in row) && typeof value === 'number') row[name] = value;
		}
		for (const [v, x] of Object.entries(row)) {
			stats[v].count++;
			stats[v].sum += x;
		}
	}
	const times = records.map((r) => r.timestamp?.getTime()).filter((t) => t !== undefined);
	return {
		errors: errors.map(String),
		sessions: (messages.sessionMesgs ?? []).map((s) => ({
			sport: s.sport,
			startTime: s.startTime,
			totalElapsedTime: s.totalElapsedTime,
			totalTimerTime: s.totalTimerTime,
			totalDistance: s.totalDistance ?? null,
		})),
		records: records.length,
		firstRecord: times.length ? new Date(times[0]) : null,
		lastRecord: times.length ? new Date(times[times.length - 1]) : null,
		values: Object.fromEntries(values.map((v) => [v, { count: stats[v].count, mean: stats[v].count ? stats[v].sum / stats[v].count : 0 }])),
	};
}

const out = process.argv.slice(2).map(read);
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
