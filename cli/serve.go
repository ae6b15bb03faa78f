package cli

import (
	"context"
	"fmt"
	"net"

	"github.com/easyrun/easyrun/web"
	"github.com/easyrun/easyrun/web/api"
)

func runServe(ctx context.Context, env Env, args []string) error {
	fs, dbFlag := newFlags(env, "serve", "")
	addr := fs.String("addr", "127.0.0.1:8080", "listen on this `host:port`; the default answers this computer only")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"serve takes no arguments"}
	}
	st, err := openStore(ctx, env, *dbFlag)
	if err != nil {
		return err
	}
	defer st.Close()
	s := web.New(api.Config{Store: st, Now: env.Now, Location: env.Local})
	return web.ListenAndServe(ctx, *addr, s, func(a net.Addr) {
		fmt.Fprintf(env.Stdout, "easyrun is serving on http://%s/ (Ctrl-C stops it)\n", a)
	})
}
