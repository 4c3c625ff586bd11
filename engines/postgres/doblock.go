package postgres

import (
	"encoding/json"
	"fmt"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// DO blocks that only run a list of statements one after the other
// (installation scripts wrap DDL in DO to catch an error, as in
// BEGIN … EXCEPTION WHEN insufficient_privilege THEN … END) are read as
// those statements: what the block does when nothing fails. A block with
// conditions, loops, variables in its statements, EXECUTE or PERFORM still
// cannot be read from the file and stays refused (rolesOnlyDoBlock aside).

// doBlockBody returns the body and language of a DO statement.
func doBlockBody(ds *pg_query.DoStmt) (body, lang string) {
	lang = "plpgsql"
	for _, a := range ds.Args {
		d := a.GetDefElem()
		switch d.GetDefname() {
		case "as":
			body = d.GetArg().GetString_().GetSval()
		case "language":
			lang = strings.ToLower(d.GetArg().GetString_().GetSval())
		}
	}
	return body, lang
}

// plpgsqlTree parses a DO block's PL/pgSQL body into its JSON tree.
func plpgsqlTree(body string) (any, bool) {
	tag := "$do$"
	for i := 0; strings.Contains(body, tag); i++ {
		tag = fmt.Sprintf("$do%d$", i)
	}
	js, err := pg_query.ParsePlPgSqlToJSON("CREATE FUNCTION pg_temp.do_block() RETURNS void LANGUAGE plpgsql AS " + tag + body + tag)
	if err != nil {
		return nil, false
	}
	var tree any
	if json.Unmarshal([]byte(js), &tree) != nil {
		return nil, false
	}
	return tree, true
}

// doStatement is one SQL statement of a straight-line DO block, with its
// line in the block's body (1 is the body's first line).
type doStatement struct {
	query string
	line  int
}

// straightDoBlock lists the statements of a DO block whose body is only
// SQL statements in nested BEGIN … END blocks; handled says whether a
// block had exception handlers, which are left out.
func straightDoBlock(ds *pg_query.DoStmt) (stmts []doStatement, handled, ok bool) {
	body, lang := doBlockBody(ds)
	if body == "" || lang != "plpgsql" {
		return nil, false, false
	}
	tree, ok := plpgsqlTree(body)
	if !ok {
		return nil, false, false
	}
	fns, _ := tree.([]any)
	if len(fns) != 1 {
		return nil, false, false
	}
	fn, _ := fns[0].(map[string]any)["PLpgSQL_function"].(map[string]any)
	action, _ := fn["action"].(map[string]any)
	var walk func(list []any, outer bool) bool
	walk = func(list []any, outer bool) bool {
		for i, item := range list {
			m, _ := item.(map[string]any)
			switch {
			case m["PLpgSQL_stmt_block"] != nil:
				b, _ := m["PLpgSQL_stmt_block"].(map[string]any)
				if b["exceptions"] != nil {
					handled = true
				}
				inner, _ := b["body"].([]any)
				if !walk(inner, false) {
					return false
				}
			case m["PLpgSQL_stmt_execsql"] != nil:
				e, _ := m["PLpgSQL_stmt_execsql"].(map[string]any)
				if e["into"] != nil {
					return false // SELECT … INTO a variable
				}
				q, _ := e["sqlstmt"].(map[string]any)["PLpgSQL_expr"].(map[string]any)["query"].(string)
				line, _ := e["lineno"].(float64)
				stmts = append(stmts, doStatement{query: q, line: int(line)})
			case m["PLpgSQL_stmt_return"] != nil && outer && i == len(list)-1 && len(m["PLpgSQL_stmt_return"].(map[string]any)) == 0:
				// The implicit RETURN the grammar adds at the end.
			default:
				return false
			}
		}
		return true
	}
	top, _ := action["PLpgSQL_stmt_block"].(map[string]any)
	list, _ := top["body"].([]any)
	if top == nil || !walk(list, true) || len(stmts) == 0 {
		return nil, false, false
	}
	return stmts, handled, true
}

// expandDoBlocks replaces straight-line DO blocks by their statements,
// each placed at its line of the file. A statement that reads variables,
// or a query, leaves the block as it is.
func (p *parser) expandDoBlocks(stmts []stmtAt) []stmtAt {
	var out []stmtAt
	for i, s := range stmts {
		ds := s.node.GetDoStmt()
		if ds == nil {
			if out != nil {
				out = append(out, s)
			}
			continue
		}
		list, handled, ok := straightDoBlock(ds)
		if !ok {
			if out != nil {
				out = append(out, s)
			}
			continue
		}
		var inner []stmtAt
		bad := false
		for _, st := range list {
			tree, err := pg_query.Parse(st.query)
			if err != nil {
				bad = true
				break
			}
			for _, raw := range tree.Stmts {
				switch raw.Stmt.Node.(type) {
				case *pg_query.Node_SelectStmt, *pg_query.Node_CallStmt, *pg_query.Node_DoStmt:
					bad = true // a query or a call may read the block's variables
				}
				inner = append(inner, stmtAt{file: s.file, line: s.line + st.line - 1, text: strings.TrimSpace(st.query),
					node: raw.Stmt, offset: s.offset, notes: s.notes})
			}
		}
		if bad {
			inner = nil
		}
		if len(inner) == 0 {
			if out != nil {
				out = append(out, s)
			}
			continue
		}
		if out == nil {
			out = append([]stmtAt{}, stmts[:i]...)
		}
		if handled {
			p.warn(fmt.Sprintf("%s: DO block read as the %d statements it runs when none fails; its exception handlers are left out", s.where(), len(inner)))
		}
		out = append(out, inner...)
	}
	if out == nil {
		return stmts
	}
	return out
}
