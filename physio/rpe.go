package physio

// rpeWords are the CR-10 levels in a runner's words (science.md §3),
// indexed by RPE 0-10.
var rpeWords = [11]string{
	"rest",
	"very light (walking)",
	"very light (walking)",
	"easy: full conversation, could keep going for hours (recovery)",
	"comfortable (easy and long runs)",
	"steady (marathon effort)",
	"steady (marathon effort)",
	"comfortably hard (threshold)",
	"hard (intervals, races)",
	"very hard (intervals, races)",
	"all-out",
}

// RPEWords describes a session RPE on Foster's modified CR-10 scale in
// the words a runner uses. It reports false outside 0-10.
func RPEWords(rpe int) (string, bool) {
	if rpe < 0 || rpe >= len(rpeWords) {
		return "", false
	}
	return rpeWords[rpe], true
}
