/**
 * The control plane's rules, in plain Java: no AWS SDK and no Lambda types, so that every decision can be tested
 * without an account and reused by the handlers, the CLI and the local AWS alike.
 */
package io.lmi.controlplane.core;
