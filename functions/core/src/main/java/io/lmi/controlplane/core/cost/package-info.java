/**
 * Cost and sizing: standard Lambda against Lambda Managed Instances for one function, on demand and with commitment
 * discounts, with the LMI fleet sized by the AWS LMI pricing calculator's method and the break-even volume.
 *
 * <p>Entry points: {@link io.lmi.controlplane.core.cost.CostEngine#estimate(CostRequest)} returns a
 * {@link io.lmi.controlplane.core.cost.CostReport}; {@link io.lmi.controlplane.core.cost.CostReportJson} writes it.
 * Prices come from a {@link io.lmi.controlplane.core.cost.PriceBook} (dated tables per region); sizing factors from
 * {@link io.lmi.controlplane.core.cost.SizingPolicy}; cost rules and savings options from
 * {@link io.lmi.controlplane.core.cost.CostPolicy}. Money is exact {@link java.math.BigDecimal} throughout and is
 * rounded to cents only when presented. docs/cost-model.md explains the model.
 */
package io.lmi.controlplane.core.cost;
