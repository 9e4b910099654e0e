# The hello example as an application: bin/ion-cc res/apps/hello.app
application:
  name: hello
  description: The hello example service
  version: 0.1.0
  processes:
    - type: hello
      name: hello
      restart: permanent
  registers: [hello]
  depends: [core]
