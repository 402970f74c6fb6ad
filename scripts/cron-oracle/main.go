// Command cron-oracle answers schedule questions with the real robfig/cron v3, the way Kubernetes
// uses it: validation parses spec.schedule with ParseStandard; the CronJob controller parses
// "TZ=<spec.timeZone> <schedule>" (unless the schedule already names a zone) and walks Next from
// an instant in the controller's zone, taken as UTC here.
//
// Input: one JSON object per line {"schedule": string, "timeZone": string|null, "from": unix ms, "count": n}.
// Output: one JSON object per line {"error": string} or {"next": [unix ms, ...]}.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/robfig/cron"
)

type query struct {
	Schedule string  `json:"schedule"`
	TimeZone *string `json:"timeZone"`
	From     int64   `json:"from"`
	Count    int     `json:"count"`
}

type answer struct {
	Error *string `json:"error,omitempty"`
	Next  []int64 `json:"next"`
}

func parse(spec string) (s cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return cron.ParseStandard(spec)
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 4<<20), 4<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var q query
		if err := json.Unmarshal(in.Bytes(), &q); err != nil {
			panic(err)
		}
		a := answer{Next: []int64{}}
		if _, err := parse(q.Schedule); err != nil {
			msg := err.Error()
			a.Error = &msg
		} else {
			spec := q.Schedule
			if !strings.Contains(spec, "TZ") && q.TimeZone != nil {
				spec = fmt.Sprintf("TZ=%s %s", *q.TimeZone, spec)
			}
			sched, err := parse(spec)
			if err != nil {
				msg := "controller: " + err.Error()
				a.Error = &msg
			} else {
				t := time.UnixMilli(q.From).In(time.UTC)
				for i := 0; i < q.Count; i++ {
					t = sched.Next(t)
					if t.IsZero() {
						break
					}
					a.Next = append(a.Next, t.UnixMilli())
				}
			}
		}
		line, _ := json.Marshal(a)
		out.Write(line)
		out.WriteByte('\n')
	}
}
