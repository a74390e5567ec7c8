/**
 * Assessment: should a function move to Lambda Managed Instances, what will it cost, and how should it be configured.
 *
 * <p>{@link io.lmi.controlplane.core.assess.Assessor} is pure: it takes a function's configuration, its triggers and
 * its CloudWatch history ({@link io.lmi.controlplane.core.assess.MetricsHistory}) and returns an
 * {@link io.lmi.controlplane.core.assess.Assessment}: traffic profile, cost (the cost engine's report), readiness items,
 * a verdict in Compute Optimizer's vocabulary and the recommended {@link
 * io.lmi.controlplane.core.recommend.LmiConfiguration}. Every threshold is a field of
 * {@link io.lmi.controlplane.core.assess.AssessmentPolicy}. docs/assessment.md documents the rules and the JSON.
 */
package io.lmi.controlplane.core.assess;
