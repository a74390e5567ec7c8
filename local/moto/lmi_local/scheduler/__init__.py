"""EventBridge Scheduler: what moto 5.2.1 does not check, and firing a schedule's target on demand."""
