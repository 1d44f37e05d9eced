package rules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestNothingIsBuiltAtInit keeps the package's word lists out of its initialisation: the page's
// Go shares this module with the engine and runs every package's init at each cold start, though
// it never asks the rules anything (see wordSet). A package-level variable may be a literal or a
// sync.OnceValue, never the result of another call, which would run there.
func TestNothingIsBuiltAtInit(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				for _, v := range s.(*ast.ValueSpec).Values {
					ast.Inspect(v, func(n ast.Node) bool {
						if _, ok := n.(*ast.FuncLit); ok {
							return false // a function's body runs when it is called
						}
						c, ok := n.(*ast.CallExpr)
						if !ok {
							return true
						}
						if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "OnceValue" {
							return false
						}
						t.Errorf("%s: a package-level variable calls %s at init", fset.Position(c.Pos()), called(c.Fun))
						return false
					})
				}
			}
		}
	}
}

// called names a called expression for a message.
func called(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return called(e.X) + "." + e.Sel.Name
	}
	return "a function"
}
