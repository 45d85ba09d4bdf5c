package apikey

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// TestMatchesIsConstantTime reads Matches itself: it must compare through
// subtle.ConstantTimeCompare (or hmac.Equal), never with ==, bytes.Equal or a loop that can
// stop at the first differing byte. Timing cannot be measured reliably in a test; the code can.
func TestMatchesIsConstantTime(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "apikey.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var matches *ast.FuncDecl
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "Matches" {
			matches = fd
		}
	}
	if matches == nil {
		t.Fatal("no func Matches in apikey.go")
	}
	constant := false
	ast.Inspect(matches.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				if pkg, ok := sel.X.(*ast.Ident); ok {
					switch pkg.Name + "." + sel.Sel.Name {
					case "subtle.ConstantTimeCompare", "hmac.Equal":
						constant = true
					case "bytes.Equal", "bytes.Compare", "strings.EqualFold", "reflect.DeepEqual":
						t.Errorf("%s: Matches compares with %s.%s, which stops at the first difference", fset.Position(n.Pos()), pkg.Name, sel.Sel.Name)
					}
				}
			}
		case *ast.RangeStmt, *ast.ForStmt:
			t.Errorf("%s: Matches loops; compare with subtle.ConstantTimeCompare", fset.Position(n.Pos()))
		case *ast.BinaryExpr:
			if (n.Op == token.EQL || n.Op == token.NEQ) && !isConstantTimeResult(n) {
				t.Errorf("%s: Matches compares with %s", fset.Position(n.Pos()), n.Op)
			}
		}
		return true
	})
	if !constant {
		t.Error("Matches does not call subtle.ConstantTimeCompare")
	}
}

// isConstantTimeResult accepts "subtle.ConstantTimeCompare(a, b) == 1".
func isConstantTimeResult(b *ast.BinaryExpr) bool {
	call, ok := b.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "ConstantTimeCompare"
}
