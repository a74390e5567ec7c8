"""Wire protocols moto does not speak, translated to ones it does."""
