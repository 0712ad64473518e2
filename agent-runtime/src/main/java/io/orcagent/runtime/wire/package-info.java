/**
 * JSON shapes of the orchestrator-agent wire format (wire-contract §1.3, §3.5): field names,
 * misspellings included, and field order are binding.
 */
package io.orcagent.runtime.wire;
