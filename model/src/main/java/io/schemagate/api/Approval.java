package io.schemagate.api;

/** Whether a plan runs at once or waits for a person. */
public enum Approval {
  Automatic,
  Manual
}
