package io.schemagate.lint;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserTokenManager;
import net.sf.jsqlparser.parser.SimpleCharStream;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;

/**
 * PostgreSQL's {@code ... NOT VALID} after {@code ADD CONSTRAINT}, which JSqlParser 5.4's grammar
 * does not know: the statement without it, for the parser, and whether it was there. Read with
 * JSqlParser's own tokenizer, so comments and quoted names cannot fake it.
 *
 * @param sql the statement without a trailing {@code NOT VALID}
 * @param notValid whether it ended with one
 */
record NotValid(String sql, boolean notValid) {
  static NotValid strip(String sql) {
    List<Token> tokens = new ArrayList<>();
    try {
      CCJSqlParserTokenManager lexer =
          new CCJSqlParserTokenManager(new SimpleCharStream(new StringProvider(sql)));
      for (Token token = lexer.getNextToken();
          token.kind != CCJSqlParserConstants.EOF;
          token = lexer.getNextToken()) {
        tokens.add(token);
      }
    } catch (RuntimeException | Error e) {
      // A text the tokenizer cannot read is left to the parser, which reports it.
      return new NotValid(sql, false);
    }
    int n = tokens.size();
    if (n < 2
        || !tokens.get(n - 2).image.equalsIgnoreCase("NOT")
        || !tokens.get(n - 1).image.equalsIgnoreCase("VALID")) {
      return new NotValid(sql, false);
    }
    Token not = tokens.get(n - 2);
    return new NotValid(sql.substring(0, offset(sql, not.beginLine, not.beginColumn)), true);
  }

  /** The index of a token's 1-based line and column in {@code text}. */
  private static int offset(String text, int line, int column) {
    int index = 0;
    for (int l = 1; l < line; l++) {
      index = text.indexOf('\n', index) + 1;
    }
    return index + column - 1;
  }
}
