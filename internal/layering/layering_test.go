package layering

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/easyrun/easyrun"

// core are the pure packages of the README's Architecture: no I/O, no clock.
var core = []string{"activity", "physio", "analysis", "recovery", "load", "plan", "rules"}

// edge are the imports a core package must not reach, directly or through
// another package of this module; a path matches itself and what lies below it.
var edge = []string{
	module + "/store", module + "/web", module + "/importer", module + "/format",
	module + "/training", module + "/backup", module + "/cli", module + "/auth",
	"database/sql", "net", "os",
}

// clock are the functions of package time that read the wall clock; the core
// takes the time it needs as an argument instead.
var clock = []string{"Now", "Since", "Until"}

func root(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("no caller")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// pure are packages below an edge path that do no I/O: net/url only
// parses addresses (a tile server's, checked in the profile).
var pure = []string{"net/url"}

func isEdge(path string) bool {
	if slices.Contains(pure, path) {
		return false
	}
	return slices.ContainsFunc(edge, func(e string) bool {
		return path == e || strings.HasPrefix(path, e+"/")
	})
}

// TestCoreStaysPure walks each core package and the module packages it imports
// (not their tests, which may import anything) and fails on an edge import or
// a read of the clock, naming the chain that led there.
func TestCoreStaysPure(t *testing.T) {
	t.Parallel()
	dir := root(t)
	for _, pkg := range core {
		t.Run(pkg, func(t *testing.T) {
			t.Parallel()
			seen := map[string]bool{}
			var walk func(path string, chain []string)
			walk = func(path string, chain []string) {
				if seen[path] {
					return
				}
				seen[path] = true
				p, err := build.ImportDir(filepath.Join(dir, strings.TrimPrefix(path, module)), 0)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				chain = append(chain, strings.TrimPrefix(path, module+"/"))
				for _, imp := range p.Imports {
					switch {
					case isEdge(imp):
						t.Errorf("%s imports %s: the core must not reach the edge", strings.Join(chain, " → "), imp)
					case strings.HasPrefix(imp, module+"/"):
						walk(imp, chain)
					}
				}
				for _, name := range p.GoFiles {
					found, err := clockReads(filepath.Join(p.Dir, name), nil)
					if err != nil {
						t.Fatal(err)
					}
					for _, f := range found {
						t.Errorf("%s reads the clock: take the time as an argument", f)
					}
				}
			}
			walk(module+"/"+pkg, nil)
		})
	}
}

// clockReads lists every use of time.Now, time.Since or time.Until in the
// source of file, under whatever name the file imports package time.
func clockReads(file string, src any) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	name := ""
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "time" {
			name = "time"
			if imp.Name != nil {
				name = imp.Name.Name
			}
		}
	}
	var found []string
	if name == "" {
		return nil, nil
	}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok && x.Name == name && slices.Contains(clock, sel.Sel.Name) {
			found = append(found, fmt.Sprintf("%s: time.%s", fset.Position(sel.Pos()), sel.Sel.Name))
		}
		return true
	})
	return found, nil
}

// TestRulesCatch makes sure the checks above can fail: a test that cannot
// fail would guard nothing.
func TestRulesCatch(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"os", true},
		{"os/exec", true},
		{"net/http", true},
		{"database/sql", true},
		{module + "/store", true},
		{module + "/store/sqlite", true},
		{module + "/format/fit", true},
		{module + "/storehouse", false},
		{"osx", false},
		{"time", false},
		{module + "/internal/stats", false},
	} {
		if got := isEdge(tc.path); got != tc.want {
			t.Errorf("isEdge(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	for _, tc := range []struct {
		src  string
		want int
	}{
		{"package p\nimport \"time\"\nvar t = time.Now()", 1},
		{"package p\nimport clock \"time\"\nvar d = clock.Since(clock.Time{}) + clock.Until(clock.Time{})", 2},
		{"package p\nimport \"time\"\nfunc f(now time.Time) time.Time { return now.Add(time.Hour) }", 0},
		{"package p\ntype c struct{}\nfunc (c) Now() int { return 0 }\nvar time c\nvar n = time.Now()", 0},
	} {
		found, err := clockReads("p.go", tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != tc.want {
			t.Errorf("clockReads(%q) = %q, want %d", tc.src, found, tc.want)
		}
	}
}
