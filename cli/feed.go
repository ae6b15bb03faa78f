package cli

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/web/api"
)

// runPlanFeed shows, makes anew or revokes the athlete's calendar feed:
// the private address 'easyrun serve' serves their plan at.
func runPlanFeed(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "plan feed", "")
	renew := fs.Bool("new", false, "make a new calendar address, shown once; the one before stops working")
	base := fs.String("url", "http://127.0.0.1:8080", "the `address` 'easyrun serve' is reached at, such as https://run.example.org, for the calendar address")
	revoke := fs.Bool("revoke", false, "revoke the calendar address: calendars subscribed to it get nothing from now on")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *renew && *revoke {
		return usageError{"--new or --revoke, not both"}
	}
	if u, err := url.Parse(*base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usageError{fmt.Sprintf("--url %q: want the server's address, such as https://run.example.org", *base)}
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	switch {
	case *revoke:
		if err := st.DeleteFeed(ctx, svc.Athlete); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "Calendar address revoked: calendars subscribed to it get nothing from now on.")
	case *renew:
		token, _, err := svc.NewFeed(ctx)
		if err != nil {
			return err
		}
		links := api.NewFeedLinks(*base, token)
		fmt.Fprintf(env.Stdout, "Subscribe your calendar to your plan (shown once; anyone with it sees your plan):\n  %s\n  %s\n",
			links.Webcal, links.URL)
	default:
		f, err := st.Feed(ctx, svc.Athlete)
		if errors.Is(err, store.ErrNotFound) {
			fmt.Fprintln(env.Stdout, "No calendar address: 'easyrun plan feed --new --url https://your.server' makes one.")
			return nil
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Calendar address made %s; it is shown only when made: --new makes another in its place.\n",
			f.Created.In(env.Local).Format("2 Jan 2006 15:04"))
	}
	return nil
}
