package web

import (
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/easyrun/easyrun/store"
)

// TestCompressed: pages, assets and the API come gzipped to a client
// that accepts it, and plain to one that does not.
func TestCompressed(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 4)
	s := newServer(st)
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)
	for _, path := range []string{"/", "/activities/" + id, "/static/style.css", "/static/chart/chart.js", "/api/v1/activities/" + id + "/streams"} {
		for _, accept := range []string{"gzip, deflate, br", ""} {
			req := httptest.NewRequest("GET", path, nil)
			req.Header.Set("Accept-Encoding", accept)
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			res := rec.Result()
			body := res.Body
			if enc := res.Header.Get("Content-Encoding"); (enc == "gzip") != (accept != "") {
				t.Errorf("%s with Accept-Encoding %q: Content-Encoding %q", path, accept, enc)
				continue
			}
			if accept != "" {
				zr, err := gzip.NewReader(res.Body)
				if err != nil {
					t.Errorf("%s: %v", path, err)
					continue
				}
				body = zr
			}
			plain, err := io.ReadAll(body)
			if err != nil || res.StatusCode != 200 || len(plain) < 100 {
				t.Errorf("%s (%q): status %d, %d bytes, %v", path, accept, res.StatusCode, len(plain), err)
			}
			if accept != "" {
				t.Logf("%s: %d bytes, %d gzipped", path, len(plain), rec.Body.Len())
			}
		}
	}
}
