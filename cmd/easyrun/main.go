// Command easyrun is a training companion for runners: it imports the
// files their watches record, judges whether easy days were really easy,
// and plans recovery between hard days. See the README.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/easyrun/easyrun/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM) // SIGTERM: how service managers stop it
	code := cli.Run(ctx, os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	stop()
	os.Exit(code)
}
