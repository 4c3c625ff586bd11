package mysql

import (
	"fmt"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/schemasync/schemasync/engines"
)

// The TiDB grammar has no triggers, stored routines or events: their
// headers are read here with the small lexer and their bodies kept as text.

// createTrigger reads CREATE [DEFINER=..] TRIGGER [IF NOT EXISTS] name
// {BEFORE|AFTER} {INSERT|UPDATE|DELETE} ON table FOR EACH ROW
// [{FOLLOWS|PRECEDES} other] body.
func (p *parser) createTrigger(s stmtAt) error {
	t := newTokens(s.text)
	t.accept("CREATE")
	t.accept("OR", "REPLACE")
	t.skipDefiner()
	if !t.accept("TRIGGER") {
		return s.fail(fmt.Errorf("syntax error: expected TRIGGER"))
	}
	t.accept("IF", "NOT", "EXISTS")
	name, ok := t.name()
	if !ok {
		return s.fail(fmt.Errorf("syntax error: trigger name expected"))
	}
	tr := &engines.Trigger{Name: name, ForEachRow: true}
	switch {
	case t.accept("BEFORE"):
		tr.Timing = "BEFORE"
	case t.accept("AFTER"):
		tr.Timing = "AFTER"
	default:
		return s.fail(fmt.Errorf("syntax error: BEFORE or AFTER expected"))
	}
	ev := strings.ToUpper(t.next().text)
	if ev != "INSERT" && ev != "UPDATE" && ev != "DELETE" {
		return s.fail(fmt.Errorf("syntax error: INSERT, UPDATE or DELETE expected"))
	}
	tr.Events = []string{ev}
	if !t.accept("ON") {
		return s.fail(fmt.Errorf("syntax error: ON expected"))
	}
	table, ok := t.name()
	if !ok || !t.accept("FOR", "EACH", "ROW") {
		return s.fail(fmt.Errorf("syntax error: ON table FOR EACH ROW expected"))
	}
	if t.accept("FOLLOWS") || t.accept("PRECEDES") {
		// Trigger order is not compared: the server renumbers it.
		t.name()
	}
	tr.Body = t.rest()
	if tr.Body == "" {
		return s.fail(fmt.Errorf("syntax error: trigger body expected"))
	}
	ts := p.tables[table]
	if ts == nil {
		return s.fail(fmt.Errorf("trigger %s is on table %s, which is not defined", name, table))
	}
	if err := p.define(s, "TRIGGER", name); err != nil {
		return err
	}
	tr.Definition = triggerSQL(ts.t.Name, tr)
	ts.t.Triggers = append(ts.t.Triggers, tr)
	return nil
}

// triggerSQL prints the canonical CREATE TRIGGER statement.
func triggerSQL(table string, tr *engines.Trigger) string {
	return fmt.Sprintf("CREATE TRIGGER %s %s %s ON %s FOR EACH ROW %s",
		quoteIdent(tr.Name), tr.Timing, strings.Join(tr.Events, " "), quoteIdent(table), tr.Body)
}

// routineCharacteristic reads one characteristic of a routine into f, or
// reports that none comes next.
func routineCharacteristic(t *tokens, f *engines.Function) bool {
	switch {
	case t.accept("LANGUAGE", "SQL"):
	case t.accept("NOT", "DETERMINISTIC"):
		delete(f.Options, "deterministic")
	case t.accept("DETERMINISTIC"):
		f.Options["deterministic"] = "true"
	case t.accept("CONTAINS", "SQL"):
		delete(f.Options, "data_access")
	case t.accept("NO", "SQL"):
		f.Options["data_access"] = "NO SQL"
	case t.accept("READS", "SQL", "DATA"):
		f.Options["data_access"] = "READS SQL DATA"
	case t.accept("MODIFIES", "SQL", "DATA"):
		f.Options["data_access"] = "MODIFIES SQL DATA"
	case t.accept("SQL", "SECURITY", "DEFINER"):
		delete(f.Options, "security")
	case t.accept("SQL", "SECURITY", "INVOKER"):
		f.Options["security"] = "INVOKER"
	case t.peek().is("COMMENT") && t.peekAt(1).kind == tokString:
		t.next()
		f.Comment = t.next().value()
	default:
		return false
	}
	return true
}

// createRoutine reads CREATE [DEFINER=..] {FUNCTION|PROCEDURE} [IF NOT
// EXISTS] name (params) [RETURNS type] characteristics body.
func (p *parser) createRoutine(s stmtAt) error {
	t := newTokens(s.text)
	t.accept("CREATE")
	t.accept("OR", "REPLACE")
	t.skipDefiner()
	f := &engines.Function{Language: "SQL", Options: map[string]string{}}
	switch {
	case t.accept("FUNCTION"):
	case t.accept("PROCEDURE"):
		f.Procedure = true
	default:
		return s.fail(fmt.Errorf("syntax error: FUNCTION or PROCEDURE expected"))
	}
	t.accept("IF", "NOT", "EXISTS")
	name, ok := t.name()
	if !ok || !t.acceptPunct("(") {
		return s.fail(fmt.Errorf("syntax error: routine name and ( expected"))
	}
	f.Name = name
	// Parameters: split the text inside the parentheses at top-level commas.
	var params []string
	depth, start := 0, t.peek().start
	for {
		tok := t.next()
		if tok.end == len(s.text) && tok.text == "" {
			return s.fail(fmt.Errorf("syntax error: unterminated parameter list"))
		}
		if tok.kind == tokPunct && tok.text == "(" {
			depth++
		}
		if tok.kind == tokPunct && (tok.text == "," && depth == 0 || tok.text == ")" && depth == 0) {
			if part := strings.TrimSpace(s.text[start:tok.start]); part != "" {
				params = append(params, part)
			}
			start = tok.end
			if tok.text == ")" {
				break
			}
			continue
		}
		if tok.kind == tokPunct && tok.text == ")" {
			depth--
		}
	}
	var args []string
	for _, prm := range params {
		a, err := routineParam(prm, f.Procedure)
		if err != nil {
			return s.fail(err)
		}
		args = append(args, a)
	}
	f.Args = strings.Join(args, ", ")
	if !f.Procedure {
		if !t.accept("RETURNS") {
			return s.fail(fmt.Errorf("syntax error: RETURNS expected"))
		}
		// The type runs up to the first characteristic or the body.
		start := t.peek().start
		end := start
		for !t.done() {
			save := t.pos
			probe := &engines.Function{Options: map[string]string{}}
			if routineCharacteristic(t, probe) || isBodyStart(t.peek()) {
				t.pos = save
				break
			}
			end = t.next().end
		}
		typ, err := canonTypeText(s.text[start:end])
		if err != nil {
			return s.fail(fmt.Errorf("return type of %s: %w", name, err))
		}
		f.Returns = typ
	}
	for routineCharacteristic(t, f) {
	}
	f.Body = t.rest()
	if f.Body == "" {
		return s.fail(fmt.Errorf("syntax error: routine body expected"))
	}
	kind := "FUNCTION"
	if f.Procedure {
		kind = "PROCEDURE"
	}
	if err := p.define(s, kind, name); err != nil {
		return err
	}
	if len(f.Options) == 0 {
		f.Options = nil
	}
	f.Definition = routineSQL(f)
	p.schema.Functions = append(p.schema.Functions, f)
	return nil
}

// isBodyStart reports whether a token can start a routine body after the
// RETURNS type: a statement keyword or a label.
func isBodyStart(tok token) bool {
	if tok.kind != tokWord {
		return false
	}
	switch strings.ToUpper(tok.text) {
	case "BEGIN", "RETURN", "SELECT", "INSERT", "UPDATE", "DELETE", "SET", "IF", "CASE", "DECLARE", "CALL", "WHILE", "LOOP", "REPEAT", "DO":
		return true
	}
	return false
}

// routineParam prints one parameter canonically: [mode] `name` type.
func routineParam(text string, procedure bool) (string, error) {
	t := newTokens(text)
	mode := ""
	if procedure {
		mode = "IN"
		switch {
		case t.accept("IN"):
		case t.accept("OUT"):
			mode = "OUT"
		case t.accept("INOUT"):
			mode = "INOUT"
		}
	}
	tok := t.next()
	if tok.kind != tokWord && tok.kind != tokQIdent {
		return "", fmt.Errorf("syntax error: parameter name expected in %q", text)
	}
	typ, err := canonTypeText(t.rest())
	if err != nil {
		return "", fmt.Errorf("type of parameter %s: %w", tok.value(), err)
	}
	out := quoteIdent(tok.value()) + " " + typ
	if mode != "" {
		out = mode + " " + out
	}
	return out, nil
}

// canonTypeText reads a type as written in a routine header and prints it
// canonically, through the same parser as column types.
func canonTypeText(text string) (string, error) {
	text = strings.TrimSpace(text)
	stmt, err := newParser().ParseOneStmt("CREATE TABLE x (c "+text+")", "", "")
	if err != nil {
		return "", fmt.Errorf("cannot read type %q: %w", text, err)
	}
	ct, ok := stmt.(*ast.CreateTableStmt)
	if !ok || len(ct.Cols) != 1 {
		return "", fmt.Errorf("cannot read type %q", text)
	}
	return fieldTypeString(ct.Cols[0].Tp), nil
}

// routineSQL prints the canonical CREATE FUNCTION/PROCEDURE statement.
func routineSQL(f *engines.Function) string {
	var b strings.Builder
	if f.Procedure {
		b.WriteString("CREATE PROCEDURE ")
	} else {
		b.WriteString("CREATE FUNCTION ")
	}
	b.WriteString(quoteIdent(f.Name) + "(" + f.Args + ")")
	if !f.Procedure {
		b.WriteString(" RETURNS " + f.Returns)
	}
	if f.Options["deterministic"] == "true" {
		b.WriteString("\n    DETERMINISTIC")
	}
	if v := f.Options["data_access"]; v != "" {
		b.WriteString("\n    " + v)
	}
	if v := f.Options["security"]; v != "" {
		b.WriteString("\n    SQL SECURITY " + v)
	}
	if f.Comment != "" {
		b.WriteString("\n    COMMENT " + quoteString(f.Comment))
	}
	b.WriteString("\n" + f.Body)
	return b.String()
}

// eventParts is an event broken down: the canonical Definition is printed
// from it by both parse and inspect.
type eventParts struct {
	name     string
	at       string // one-time events: the AT timestamp or expression
	every    string // recurring: "1 DAY"
	ends     string
	preserve bool
	status   string // ENABLE, DISABLE, DISABLE ON SLAVE
	comment  string
	body     string
}

// eventSQL prints the canonical CREATE EVENT statement. STARTS is left out:
// the server fills it with the creation time when it is not written, so it
// cannot be compared.
func eventSQL(e eventParts) string {
	var b strings.Builder
	b.WriteString("CREATE EVENT " + quoteIdent(e.name) + " ON SCHEDULE ")
	if e.at != "" {
		b.WriteString("AT " + e.at)
	} else {
		b.WriteString("EVERY " + e.every)
		if e.ends != "" {
			b.WriteString(" ENDS " + e.ends)
		}
	}
	if e.preserve {
		b.WriteString(" ON COMPLETION PRESERVE")
	} else {
		b.WriteString(" ON COMPLETION NOT PRESERVE")
	}
	status := e.status
	if status == "" {
		status = "ENABLE"
	}
	b.WriteString(" " + status)
	if e.comment != "" {
		b.WriteString(" COMMENT " + quoteString(e.comment))
	}
	b.WriteString(" DO " + e.body)
	return b.String()
}

// createEvent reads CREATE [DEFINER=..] EVENT [IF NOT EXISTS] name ON
// SCHEDULE {AT ts | EVERY n unit [STARTS ts] [ENDS ts]} [ON COMPLETION [NOT]
// PRESERVE] [ENABLE|DISABLE|DISABLE ON SLAVE] [COMMENT 'x'] DO body.
func (p *parser) createEvent(s stmtAt) error {
	t := newTokens(s.text)
	t.accept("CREATE")
	t.accept("OR", "REPLACE")
	t.skipDefiner()
	if !t.accept("EVENT") {
		return s.fail(fmt.Errorf("syntax error: EVENT expected"))
	}
	t.accept("IF", "NOT", "EXISTS")
	name, ok := t.name()
	if !ok || !t.accept("ON", "SCHEDULE") {
		return s.fail(fmt.Errorf("syntax error: event name and ON SCHEDULE expected"))
	}
	e := eventParts{name: name}
	// clause reads tokens up to the next clause keyword.
	clause := func() string {
		start := t.peek().start
		end := start
		for !t.done() {
			tok := t.peek()
			if tok.is("STARTS") || tok.is("ENDS") || tok.is("ENABLE") || tok.is("DISABLE") || tok.is("COMMENT") || tok.is("DO") ||
				(tok.is("ON") && t.peekAt(1).is("COMPLETION")) {
				break
			}
			end = t.next().end
		}
		return strings.TrimSpace(s.text[start:end])
	}
	switch {
	case t.accept("AT"):
		e.at = canonEventTime(clause())
	case t.accept("EVERY"):
		e.every = canonEvery(clause())
	default:
		return s.fail(fmt.Errorf("syntax error: AT or EVERY expected"))
	}
	for !t.done() {
		switch {
		case t.accept("STARTS"):
			clause()
		case t.accept("ENDS"):
			e.ends = canonEventTime(clause())
		case t.accept("ON", "COMPLETION", "NOT", "PRESERVE"):
			e.preserve = false
		case t.accept("ON", "COMPLETION", "PRESERVE"):
			e.preserve = true
		case t.accept("ENABLE"):
			e.status = "ENABLE"
		case t.accept("DISABLE", "ON", "SLAVE"), t.accept("DISABLE", "ON", "REPLICA"):
			e.status = "DISABLE ON SLAVE"
		case t.accept("DISABLE"):
			e.status = "DISABLE"
		case t.peek().is("COMMENT"):
			t.next()
			e.comment = t.next().value()
		case t.accept("DO"):
			e.body = t.rest()
			t.pos = len(t.toks)
		default:
			return s.fail(fmt.Errorf("syntax error near %q in event %s", t.peek().text, name))
		}
	}
	if e.body == "" {
		return s.fail(fmt.Errorf("syntax error: event body expected"))
	}
	if err := p.define(s, "EVENT", name); err != nil {
		return err
	}
	p.schema.Events = append(p.schema.Events, &engines.Event{Name: name, Definition: eventSQL(e), Comment: e.comment})
	return nil
}

// canonEvery prints "1 DAY" or "'1:30' HOUR_MINUTE" canonically.
func canonEvery(text string) string {
	toks := lex(text)
	if len(toks) < 2 {
		return text
	}
	unit := strings.ToUpper(toks[len(toks)-1].text)
	val := strings.TrimSpace(text[:toks[len(toks)-1].start])
	if len(toks) == 2 && toks[0].kind == tokString {
		val = toks[0].value()
	}
	return everyText(val, unit)
}

func everyText(val, unit string) string {
	if _, err := fmt.Sscanf(val, "%d", new(int)); err == nil && !strings.ContainsAny(val, ": -.") {
		return val + " " + unit
	}
	return quoteString(val) + " " + unit
}

// eventCompareKey is an event definition (eventSQL's) without the time of
// its schedule (AT x, ENDS x), and whether that time is relative to the
// current time. The server stores "ENDS CURRENT_TIMESTAMP + INTERVAL 1
// HOUR" as the timestamp it meant when the event was created, which later
// definitions cannot reproduce: an event whose desired time is relative
// compares without it.
func eventCompareKey(def string) (key string, relative bool) {
	toks := lex(def)
	from, to := -1, -1
	for i := 0; i < len(toks); i++ {
		switch {
		case from < 0 && (toks[i].is("AT") || toks[i].is("ENDS")) && i > 0:
			from = i + 1
		case from >= 0 && toks[i].is("ON") && i+1 < len(toks) && toks[i+1].is("COMPLETION"):
			to = i
		}
		if to >= 0 || toks[i].is("DO") {
			break
		}
	}
	if from < 0 || to <= from {
		return collapseSpace(def), false
	}
	for _, t := range toks[from:to] {
		switch strings.ToLower(t.text) {
		case "current_timestamp", "now", "sysdate", "utc_timestamp", "localtime", "localtimestamp", "curdate", "current_date", "utc_date":
			if t.kind == tokWord {
				relative = true
			}
		}
	}
	return collapseSpace(def[:toks[from].start] + "?" + def[toks[to-1].end:]), relative
}

// canonEventTime prints a timestamp literal canonically; an expression
// keeps its text.
func canonEventTime(text string) string {
	toks := lex(text)
	if len(toks) == 1 && toks[0].kind == tokString {
		return quoteString(canonTemporal(toks[0].value(), "datetime"))
	}
	return collapseSpace(text)
}
