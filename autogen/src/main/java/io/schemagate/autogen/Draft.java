package io.schemagate.autogen;

import java.util.List;

/**
 * One generated migration and its undo, before it has a version.
 *
 * @param phase what the script does in an expand and contract release
 * @param migration the V script's text
 * @param undo the U script's text
 * @param notes what the developer must look at, one line each
 */
public record Draft(Phase phase, String migration, String undo, List<String> notes) {

  /** The scripts a change is split into, in the order they run. */
  public enum Phase {
    /** Additions and relaxations the running release does not notice. */
    EXPAND(""),
    /** PostgreSQL's {@code CREATE INDEX CONCURRENTLY}, which must run outside a transaction. */
    INDEXES("indexes"),
    /** {@code VALIDATE CONSTRAINT} for what the expand step added {@code NOT VALID}. */
    VALIDATE("validate"),
    /** Drops and new NOT NULLs: only once no pod of the previous release is left. */
    CONTRACT("contract"),
    /** {@code SET NOT NULL} through the check the contract step added. */
    ENFORCE("not null");

    private final String suffix;

    Phase(String suffix) {
      this.suffix = suffix;
    }

    /** The words added to the script's description, empty for the first. */
    public String suffix() {
      return suffix;
    }
  }
}
