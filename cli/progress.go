package cli

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"
)

// progressBar shows an import's progress on a terminal: files, bytes,
// MB/s and ETA. It implements importer.Progress.
type progressBar struct {
	p                     *mpb.Progress
	bar                   *mpb.Bar
	files, done           atomic.Int64
	totalBytes, doneBytes atomic.Int64
}

// newProgressBar returns a bar drawn on w when w is a terminal, else nil:
// scripts and pipes get no escape codes.
func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	pb := &progressBar{p: mpb.New(mpb.WithOutput(w), mpb.WithWidth(40))}
	pb.bar = pb.p.AddBar(0,
		mpb.PrependDecorators(
			decor.Any(func(decor.Statistics) string {
				return fmt.Sprintf("%d/%d files", pb.done.Load(), pb.files.Load())
			}, decor.WCSyncSpaceR),
		),
		mpb.AppendDecorators(
			decor.Counters(decor.SizeB1024(0), "% .1f / % .1f", decor.WCSyncSpace),
			decor.AverageSpeed(decor.SizeB1024(0), "% .1f", decor.WCSyncSpace),
			decor.OnComplete(decor.AverageETA(decor.ET_STYLE_MMSS, decor.WCSyncSpace), "done"),
		),
	)
	return pb
}

// Found implements importer.Progress.
func (pb *progressBar) Found(files int, bytes int64) {
	pb.files.Add(int64(files))
	pb.bar.SetTotal(pb.totalBytes.Add(bytes), false)
}

// Done implements importer.Progress.
func (pb *progressBar) Done(_ string, bytes int64) {
	pb.done.Add(1)
	pb.doneBytes.Add(bytes)
	pb.bar.IncrInt64(bytes)
}

// Finish completes the bar and waits for its last drawing.
func (pb *progressBar) Finish() {
	pb.bar.SetTotal(pb.doneBytes.Load(), true)
	pb.p.Wait()
}
