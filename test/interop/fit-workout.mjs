// Decodes FIT workout files with Garmin's FIT SDK and prints, as JSON,
// what it reads: for each file in order, whether it is a FIT file and
// passes the integrity check (header, size, CRC), the decoder's errors,
// and the file_id, workout and workout_step messages with their raw
// fields (durationValue, customTargetValueLow...) beside the SDK's
// interpretation of them (names, scaled sub-fields such as durationTime).
//
// Usage: node fit-workout.mjs FILE...
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';

function read(file) {
	const decoder = new Decoder(Stream.fromBuffer(readFileSync(file)));
	// Checked before read, which leaves the stream at its end.
	const isFIT = decoder.isFIT();
	const checkIntegrity = decoder.checkIntegrity();
	const { messages, errors } = decoder.read();
	return {
		isFIT,
		checkIntegrity,
		errors: errors.map(String),
		fileId: messages.fileIdMesgs ?? [],
		workout: messages.workoutMesgs ?? [],
		steps: messages.workoutStepMesgs ?? [],
	};
}

const out = process.argv.slice(2).map(read);
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
