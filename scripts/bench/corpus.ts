/** Generated manifests for benchmarks: a mix of DaemonSets, Jobs and CronJobs, each distinct. */
export function workloadDoc(i: number): string {
  switch (i % 3) {
    case 0:
      return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent-${i}
  namespace: logging-ns
  labels:
    app: agent-${i}
spec:
  selector:
    matchLabels:
      app: agent-${i}
  template:
    metadata:
      labels:
        app: agent-${i}
    spec:
      tolerations:
        - key: node-role.kubernetes.io/control-plane
          operator: Exists
          effect: NoSchedule
      containers:
        - name: agent
          image: busybox:1.36
          command: ["/bin/sh", "-c", "sleep ${i}"]
          resources:
            requests: {cpu: 50m, memory: 50Mi}
            limits: {cpu: 100m, memory: 100Mi}
          volumeMounts:
            - name: varlog
              mountPath: /var/log
      volumes:
        - name: varlog
          hostPath: {path: /var/log, type: Directory}
`;
    case 1:
      return `apiVersion: batch/v1
kind: Job
metadata:
  name: job-${i}
spec:
  ttlSecondsAfterFinished: 60
  completions: ${2 + (i % 5)}
  parallelism: 2
  backoffLimit: 4
  template:
    spec:
      containers:
        - name: hello
          image: busybox:1.36
          command: ["/bin/sh", "-c", "echo ${i} && sleep 10"]
          resources:
            requests:
              cpu: 10m
              memory: 16Mi
            limits:
              cpu: 20m
              memory: 32Mi
      restartPolicy: Never
`;
    default:
      return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: cron-${i}
spec:
  schedule: "${i % 60} ${i % 24} * * *"
  timeZone: Europe/London
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 4
      ttlSecondsAfterFinished: 60
      template:
        spec:
          containers:
            - name: hello
              image: busybox:1.36
              command: ["/bin/sh", "-c", "date; echo ${i}"]
              resources:
                requests: {cpu: 10m, memory: 16Mi}
                limits: {cpu: 20m, memory: 32Mi}
          restartPolicy: OnFailure
`;
  }
}

export function workloadStream(count: number): string {
  return Array.from({ length: count }, (_, i) => workloadDoc(i)).join('---\n');
}
