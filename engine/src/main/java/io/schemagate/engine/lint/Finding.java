package io.schemagate.engine.lint;

/**
 * One risk the lint found in one statement.
 *
 * @param rule the rule's id, e.g. {@code index-without-concurrently}
 * @param script the script's file name
 * @param line the line the statement starts on
 * @param statement the statement's first line of SQL
 * @param why why it is risky
 * @param fix the safe way to write it
 * @param contract whether the statement removes or renames what older code may still read
 */
public record Finding(
    String rule,
    Severity severity,
    String script,
    int line,
    String statement,
    String why,
    String fix,
    boolean contract) {}
