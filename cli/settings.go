package cli

import (
	"flag"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/importer"
)

// settings are flags that fall back on an environment variable, then on
// their default: easyrun's configuration order.
type settings struct {
	fs  *flag.FlagSet
	env map[string]string // flag name → environment variable
}

func newSettings(fs *flag.FlagSet) *settings { return &settings{fs: fs, env: map[string]string{}} }

// Duration registers a duration setting.
func (s *settings) Duration(p *time.Duration, name, envVar string, def time.Duration, usage string) {
	s.fs.DurationVar(p, name, def, usage+" (env "+envVar+")")
	s.env[name] = envVar
}

// Int registers an integer setting.
func (s *settings) Int(p *int, name, envVar string, def int, usage string) {
	s.fs.IntVar(p, name, def, usage+" (env "+envVar+")")
	s.env[name] = envVar
}

// String registers a text setting.
func (s *settings) String(p *string, name, envVar, def, usage string) {
	s.fs.StringVar(p, name, def, usage+" (env "+envVar+")")
	s.env[name] = envVar
}

// apply sets each setting not given as a flag from its environment
// variable, if that is set. Call it after parsing.
func (s *settings) apply(getenv func(string) string) error {
	given := map[string]bool{}
	s.fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for name, envVar := range s.env {
		v := getenv(envVar)
		if given[name] || v == "" {
			continue
		}
		if err := s.fs.Set(name, v); err != nil {
			return usageError{fmt.Sprintf("%s=%q: %v", envVar, v, err)}
		}
	}
	return nil
}

// importLimits registers the settings that bound the work of one
// activity file and of one import as a whole, for the import and serve
// commands; maxTime is the default time an import may take.
func (s *settings) importLimits(l *importer.Limits, maxTime time.Duration) {
	b := &l.File
	s.Duration(&b.MaxDuration, "max-file-duration", "EASYRUN_MAX_FILE_DURATION", activity.DefaultMaxDuration,
		"refuse an activity file whose activities span more than this `duration` together")
	s.Int(&b.MaxPoints, "max-file-points", "EASYRUN_MAX_FILE_POINTS", activity.DefaultMaxPoints,
		"refuse an activity file of more than this many `points`")
	s.Duration(&l.MaxDuration, "max-import-time", "EASYRUN_MAX_IMPORT_TIME", maxTime,
		"stop an import or upload that takes longer than this `duration`, keeping what it stored")
	s.Int(&l.MaxNested, "max-nested-archives", "EASYRUN_MAX_NESTED_ARCHIVES", importer.DefaultMaxNested,
		"refuse more than this many `archives` inside archives in one import or upload")
}
