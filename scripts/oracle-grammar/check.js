#!/usr/bin/env node
// Checks Oracle statements against the ANTLR PL/SQL grammar shipped in
// antlr4ts-sql. Input (stdin): JSON lines {"id": "...", "sql": "..."}, one
// statement each, without a terminating ";". Output (stdout): one JSON line
// per statement, {"id", "ok", "error"}, then a summary line on stderr.
// Exit status: 0 when every statement is accepted, 1 when any is rejected,
// 2 on bad input.
'use strict';

const readline = require('readline');
const sql = require('antlr4ts-sql');
const { PredictionMode } = require('antlr4ts/atn/PredictionMode');
const { BailErrorStrategy } = require('antlr4ts/BailErrorStrategy');

// A statement is accepted when the parser reads it as exactly one
// unit_statement up to the end, with no syntax error from lexer or parser.
// It is parsed in SLL mode first, bailing out at the first error (fast),
// and again in full LL mode only then, as ANTLR recommends: SLL accepts
// only what LL accepts, so the result is LL's.
function check(text) {
  const input = text + '\n;\n';
  const fast = parse(input, true);
  return fast.errors.length === 0 ? fast.errors : parse(input, false).errors;
}

function parse(input, sll) {
  const errors = [];
  const listener = {
    syntaxError(recognizer, offendingSymbol, line, column, msg) {
      // The grammar's vocabulary prints some tokens as <n>: name the text too.
      const near = offendingSymbol && offendingSymbol.text ? ` at ${JSON.stringify(offendingSymbol.text)}` : '';
      errors.push(`${line}:${column} ${msg.length > 160 ? msg.slice(0, 160) + '…}' : msg}${near}`);
    },
  };
  const tool = new sql.antlr4tsSQL(sql.SQLDialect.PLSQL);
  const tokens = tool.getTokens(input, [listener]);
  const parser = tool.getParser(tokens, [listener]);
  let tree;
  if (sll) {
    parser.interpreter.setPredictionMode(PredictionMode.SLL);
    parser.errorHandler = new BailErrorStrategy();
    try {
      tree = parser.sql_script();
    } catch (e) {
      return { errors: ['SLL parse failed'] };
    }
  } else {
    tree = parser.sql_script();
  }
  if (errors.length === 0) {
    let units = 0;
    for (let i = 0; i < tree.childCount; i++) {
      if (tree.getChild(i) instanceof sql.PlSQLGrammar.Unit_statementContext) {
        units++;
      }
    }
    if (units !== 1) {
      errors.push(`read as ${units} statements, want 1`);
    }
  }
  return { errors };
}

async function main() {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let total = 0;
  let rejected = 0;
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') {
      continue;
    }
    let item;
    try {
      item = JSON.parse(line);
    } catch (e) {
      process.stderr.write(`input line ${lineNo}: not JSON: ${e.message}\n`);
      process.exit(2);
    }
    if (typeof item.sql !== 'string') {
      process.stderr.write(`input line ${lineNo}: no "sql" string\n`);
      process.exit(2);
    }
    total++;
    const errors = check(item.sql);
    if (errors.length > 0) {
      rejected++;
    }
    process.stdout.write(JSON.stringify({ id: item.id || String(lineNo), ok: errors.length === 0, error: errors.join('; ') }) + '\n');
  }
  process.stderr.write(`oracle grammar: ${total - rejected} accepted, ${rejected} rejected\n`);
  process.exit(rejected > 0 ? 1 : 0);
}

main();
