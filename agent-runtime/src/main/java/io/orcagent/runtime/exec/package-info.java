/**
 * Process execution: argument lists only, stream pumping, timeouts, whole-tree kill, stage scopes,
 * operator-written shell commands, and MySQL client option files that keep passwords off argv.
 */
package io.orcagent.runtime.exec;
