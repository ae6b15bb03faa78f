// Parses iCalendar files with Mozilla's ical.js (Thunderbird's parser)
// and prints, as JSON, each calendar in order and its events as it reads
// them.
//
// Usage: node ics.mjs FILE...
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

// RFC 5545 3.8.8.2: a non-standard property's value is TEXT unless it
// says otherwise; ical.js leaves unknown properties unparsed, escapes and
// all, so it is told about the calendar name.
ICAL.design.defaultSet.property['x-wr-calname'] = { defaultType: 'text' };
// RFC 7986's refresh interval and the older X-PUBLISHED-TTL are durations.
ICAL.design.defaultSet.property['refresh-interval'] = { defaultType: 'duration' };
ICAL.design.defaultSet.property['x-published-ttl'] = { defaultType: 'duration' };

function time(t) {
	return t && { value: t.toString(), isDate: t.isDate, tz: t.zone ? t.zone.tzid : null };
}

const out = process.argv.slice(2).map((file) => {
	const cal = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
	const events = cal.getAllSubcomponents('vevent').map((c) => {
		const e = new ICAL.Event(c);
		const modified = c.getFirstPropertyValue('last-modified');
		return {
			uid: e.uid,
			summary: e.summary,
			description: e.description,
			start: time(e.startDate),
			end: time(e.endDate),
			isDate: e.startDate.isDate,
			categories: c.getAllProperties('categories').flatMap((p) => p.getValues()),
			sequence: e.sequence,
			status: c.getFirstPropertyValue('status'),
			stamp: time(c.getFirstPropertyValue('dtstamp')),
			lastModified: time(modified),
		};
	});
	return {
		version: cal.getFirstPropertyValue('version'),
		prodid: cal.getFirstPropertyValue('prodid'),
		calscale: cal.getFirstPropertyValue('calscale'),
		method: cal.getFirstPropertyValue('method'),
		name: cal.getFirstPropertyValue('x-wr-calname'),
		refresh: cal.getFirstPropertyValue('refresh-interval')?.toString() ?? null,
		ttl: cal.getFirstPropertyValue('x-published-ttl')?.toString() ?? null,
		events,
	};
});
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
