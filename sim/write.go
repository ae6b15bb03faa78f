package sim

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/fit"
)

// WriteFIT simulates each session and writes it to dir, which it creates
// if needed, as a FIT activity file from the project's encoder
// (fit.EncodeActivity). Files are named by local start time and kind,
// 2026-03-03-0700-intervals.fit, with a -2, -3 … suffix if two sessions
// start in the same minute. Sessions are simulated, encoded and written
// in parallel, one per core, and no activity is kept after its file is
// written, so ten years take little memory.
//
// It returns the paths in the order of sessions. On the first error, or
// when ctx is done, it stops and returns the error; files already written
// stay.
func (r Runner) WriteFIT(ctx context.Context, dir string, sessions []Session) ([]string, error) {
	return r.writeFiles(ctx, dir, sessions, ".fit", fit.EncodeActivity)
}

// writeFiles is WriteFIT with the file extension and encoder given.
func (r Runner) writeFiles(ctx context.Context, dir string, sessions []Session, ext string, encode func(*activity.Activity) ([]byte, error)) ([]string, error) {
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("write simulated files: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("write simulated files: %w", err)
	}
	paths := make([]string, len(sessions))
	taken := make(map[string]int, len(sessions))
	for i, s := range sessions {
		name := r.fileName(s)
		if taken[name]++; taken[name] > 1 {
			name = fmt.Sprintf("%s-%d", name, taken[name])
		}
		paths[i] = filepath.Join(dir, name+ext)
	}

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, s := range sessions {
		if gctx.Err() != nil {
			break // a file failed, or the caller gave up
		}
		g.Go(func() error {
			a, err := r.Simulate(s)
			if err != nil {
				return fmt.Errorf("%s: %w", paths[i], err)
			}
			data, err := encode(a)
			if err != nil {
				return fmt.Errorf("encode %s: %w", paths[i], err)
			}
			if err := os.WriteFile(paths[i], data, 0o644); err != nil {
				return fmt.Errorf("write simulated files: %w", err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("write simulated files: %w", err)
	}
	return paths, nil
}

// fileName is the base name of s's file: its local start and kind.
func (r Runner) fileName(s Session) string {
	local := s.Start.In(time.FixedZone("", int(r.UTCOffset/time.Second)))
	return local.Format("2006-01-02-1504") + "-" + string(s.Kind)
}
