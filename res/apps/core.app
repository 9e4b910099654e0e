# The core application: started with every container, before any other. Core services join it as they arrive.
application:
  name: core
  description: ioncore core application, started with every container
  version: 0.1.0
