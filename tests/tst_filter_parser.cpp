// SPDX-License-Identifier: GPL-3.0-or-later
// The filter parser and compiler on their own: the shape they give to sysdig 0.29.3's grammar (with its quirks),
// and every error as a value carrying the 0-based column of the problem and sysdig's message. The messages are
// sysdig's; the columns are ours (sysdig reports where its scanner stopped, we point at the offending token).
#include "filter/filter_compiler.h"
#include "filter/filter_parser.h"

#include <QElapsedTimer>
#include <QTest>

using namespace syscope::filter;

class TstFilterParser : public QObject {
    Q_OBJECT
private slots:
    void errors_data();
    void errors();
    void accepted_data();
    void accepted();
    void shapeOfAndOrNot();
    void quotesAndEscapes();
    void listValues();
    void equalsEqualsIsEqualsWithValue();
    void eventTypesOfProgram();
    void cheapToCompile();
};

void TstFilterParser::errors_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    auto row = [](const char* name, const char* f, int col, const char* msg) {
        QTest::newRow(name) << QString::fromUtf8(f) << col << QString::fromUtf8(msg);
    };
    row("dangling and", "evt.type=open and", 17, "filter error: unexpected end of filter");
    row("dangling not", "not", 3, "filter error: unexpected end of filter");
    row("unclosed group", "(evt.type=open", 0, "filter error: unexpected end of filter");
    row("unclosed inner group", "((proc.name=x)", 0, "filter error: unexpected end of filter");
    row("stray close", "evt.type=open)", 13, "filter error: unexpected ')'");
    row("unknown field", "evt.typ=open", 0, "filter error: unrecognized field evt.typ at pos 0");
    row("and as a field", "and proc.name=x", 0, "filter error: unrecognized field and at pos 0");
    row("or or", "proc.name=x or or proc.name=y", 15, "filter error: unrecognized field or at pos 15");
    row("andx", "evt.type=open andx evt.cpu=1", 17, "filter error: unrecognized field x at pos 17");
    row("n not a keyword", "nonexistent.field=1", 2, "syntax error in filter");
    row("two checks", "evt.num=1 evt.num=2", 10, "syntax error in filter");
    row("double equals", "proc.name == bash", 13, "syntax error in filter");
    row("no operator", "proc.name", 9, "filter error: unrecognized comparison operator after proc.name");
    row("bad operator", "proc.name bogusop x", 10, "filter error: unrecognized comparison operator after proc.name ");
    row("mixing", "evt.type=open and evt.cpu=1 or proc.name=x", 31,
        "expression mixes 'and' and 'or' in an ambiguous way. Please use brackets.");
    row("mixing in group", "(evt.cpu=1 or evt.cpu=2 and evt.cpu=3)", 28,
        "expression mixes 'and' and 'or' in an ambiguous way. Please use brackets.");
    row("in without paren", "fd.name pmatch /x", 15, "expected '(' after 'in/intersects/pmatch' operand");
    row("intersects", "evt.cpu intersects (1)", 10, "expected '(' after 'in/intersects/pmatch' operand");
    row("unclosed list", "evt.num in (1,2", 15,
        "expected either ')' or ',' after a value inside the 'in/pmatch' clause");
    row("unclosed quote", "proc.name=\"unterminated", 10, "filter error: unclosed quotes");
    row("bad hex escape", "proc.name=a\\xZZ", 13, "filter error: unrecognized escape sequence at a\\xZZ");
    row("empty event type", "evt.type=", 9, "unknown event type ");
    row("unknown event type", "evt.type=nosuchcall", 9, "unknown event type nosuchcall");
    row("not a number", "evt.num=abc", 8, "abc is not a valid number");
    row("bad ip", "fd.ip=notanip", 6, "unrecognized IPv6 address notanip");
    row("bad netmask", "fd.net=1.2.3.4/99", 7, "invalid netmask 99");
    row("unknown argument", "evt.arg.=1", 0, "unknown event argument ");
    row("only blanks", "   ", 3, "filter error: unexpected end of filter");
    row("bool-like number", "evt.type.is.open=true", 17, "true is not a valid number");
    row("around needs an operator", "evt.around[1000]", 16,
        "filter error: unrecognized comparison operator after evt.around[1000]");
    row("either quote closes", "proc.name='a\"b'", 13, "syntax error in filter");
    row("bad ancestor index", "proc.aname[x]=1", 0, "filter error: unrecognized field proc.aname[x] at pos 0");
}

void TstFilterParser::errors()
{
    QFETCH(QString, filter);
    QFETCH(int, column);
    QFETCH(QString, message);
    auto p = FilterCompiler::compile(filter.toStdString());
    QVERIFY2(!p, qPrintable(QStringLiteral("accepted: ") + filter));
    QCOMPARE(QString::fromStdString(p.error().message), message);
    QCOMPARE(p.error().offset, int64_t(column));
}

void TstFilterParser::accepted_data()
{
    QTest::addColumn<QString>("filter");
    for (const char* f : {"",
                          "evt.type=open",
                          "evt.type = open",
                          "not evt.type=open",
                          "not not evt.type=open",
                          "proc.name=bash not evt.type=read",
                          "(evt.type=open or evt.type=close) and evt.dir=<",
                          "evt.type in (open,close)",
                          "proc.name in ( a , b )",
                          "proc.name contains",
                          "fd.name pmatch (/etc)",
                          "evt.num>-1",
                          "fd.net=127.0.0.0/8",
                          "fd.ip=::1",
                          "proc.aname[2]=bash",
                          "evt.arg[0]=3",
                          "evt.type.is.open=1",
                          "thread.cgroup.cpuset exists",
                          "evt.around[1000] exists",
                          "proc.name=\"a b\"",
                          "proc.name='a b'",
                          "evt.type=open a nd evt.dir=<",
                          "evt.type=open o r evt.dir=<",
                          "evt.buffer contains \\x41",
                          "(((proc.name=x)))",
                          "proc.name in ()"})
        QTest::newRow(f) << QString::fromUtf8(f);
}

void TstFilterParser::accepted()
{
    QFETCH(QString, filter);
    auto p = FilterCompiler::compile(filter.toStdString());
    QVERIFY2(p, p ? "" : p.error().message.c_str());
}

void TstFilterParser::shapeOfAndOrNot()
{
    auto ast = FilterParser::parse("not proc.name=1 and (proc.pid=2 or not fd.name exists)");
    QVERIFY(ast);
    QCOMPARE(ast->items.size(), size_t(2));
    QCOMPARE(ast->items[0].op, BoolOp::kNot);
    QVERIFY(ast->items[0].check);
    QCOMPARE(ast->items[0].check->field, std::string("proc.name"));
    QCOMPARE(ast->items[1].op, BoolOp::kAnd);
    QVERIFY(ast->items[1].group);
    QCOMPARE(ast->items[1].column, size_t(20));
    const FilterGroupAst& g = *ast->items[1].group;
    QCOMPARE(g.items.size(), size_t(2));
    QCOMPARE(g.items[1].op, BoolOp::kOrNot);
    QCOMPARE(g.items[1].check->op, CmpOp::kExists);
    QCOMPARE(g.items[1].check->fieldColumn, size_t(39));
}

void TstFilterParser::quotesAndEscapes()
{
    auto ast = FilterParser::parse("proc.name=\"a b\\\"c\"");
    QVERIFY(ast);
    QCOMPARE(ast->items[0].check->values[0], std::string("a b\"c"));
    ast = FilterParser::parse("evt.buffer contains \\x41\\x42\\\\");
    QVERIFY(ast);
    QCOMPARE(ast->items[0].check->values[0], std::string("AB\\"));
    // Any other escaped character stays as the two characters.
    ast = FilterParser::parse("proc.name=a\\qb");
    QVERIFY(ast);
    QCOMPARE(ast->items[0].check->values[0], std::string("a\\qb"));
    // Either quote closes a quoted value.
    ast = FilterParser::parse("proc.name='ab\"");
    QVERIFY(ast);
    QCOMPARE(ast->items[0].check->values[0], std::string("ab"));
}

void TstFilterParser::listValues()
{
    auto ast = FilterParser::parse("proc.name in (a, \"b c\",d)");
    QVERIFY(ast);
    const FilterCheckAst& c = *ast->items[0].check;
    QVERIFY(c.list);
    QCOMPARE(c.values.size(), size_t(3));
    QCOMPARE(c.values[1], std::string("b c"));
    QCOMPARE(c.valueColumns[0], size_t(14));
    QCOMPARE(c.valueColumns[2], size_t(23));
}

void TstFilterParser::equalsEqualsIsEqualsWithValue()
{
    auto ast = FilterParser::parse("proc.name==bash");
    QVERIFY(ast);
    QCOMPARE(ast->items[0].check->op, CmpOp::kEq);
    QCOMPARE(ast->items[0].check->values[0], std::string("=bash"));
}

void TstFilterParser::eventTypesOfProgram()
{
    // A filter that can only match some event types tells which, so callers skip the others undecoded.
    auto p = FilterCompiler::compile("evt.type=open and fd.name contains /etc");
    QVERIFY(p);
    QVERIFY(p->eventTypes().test(2) && p->eventTypes().test(3));
    QVERIFY(!p->eventTypes().test(6));
    auto any = FilterCompiler::compile("not evt.type=open");
    QVERIFY(any);
    QVERIFY(any->eventTypes().test(6));
}

void TstFilterParser::cheapToCompile()
{
    // The GUI compiles on every keystroke: a realistic filter must compile in well under a millisecond.
    const std::string f = "(evt.type in (read,write,recvfrom,sendto) and fd.name contains /etc) or "
                          "(proc.name in (bash,sshd,curl) and not user.name=root and evt.latency>1000)";
    QElapsedTimer t;
    t.start();
    const int n = 2000;
    for (int i = 0; i < n; ++i)
        QVERIFY(FilterCompiler::compile(f));
    const double usEach = double(t.nsecsElapsed()) / 1000.0 / n;
    qInfo("compile: %.1f us per filter", usEach);
    QVERIFY2(usEach < 1000.0, "compiling takes more than 1 ms");
}

QTEST_GUILESS_MAIN(TstFilterParser)
#include "tst_filter_parser.moc"
