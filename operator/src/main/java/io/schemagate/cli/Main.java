package io.schemagate.cli;

/** Entry point of the schemagate jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {}
}
