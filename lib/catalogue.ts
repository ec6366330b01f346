// `trailguard/catalogue`: the controls every part of trailguard is built from (CIS monitoring
// controls with their patterns and framework references, and the delivery heartbeat). Loads no
// Pulumi code.
export * from "../core/catalogue/monitoringControls";
export * from "../core/catalogue/deliveryHeartbeat";
