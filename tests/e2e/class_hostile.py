# tests/e2e/class_hostile.py - what a hostile account does to a live class
# (tests/e2e/class_hostile.sh):
#   listen PATH LOG [noaccept]  a planted class: bind PATH, log what any
#                               client sends (a HELLO) to LOG; noaccept:
#                               never accept, a queue of one
#   fill PATH N                 connect N times (filling a queue), hold
#   flood PATH SECONDS N OUT    keep N connections open without a HELLO for
#                               SECONDS, opening a new one whenever one is
#                               closed; the number opened in all into OUT
#   connects PATH N             N connections one after another, each
#                               waiting to be closed
import os, resource, select, socket, sys, time

# A flood needs more descriptors than the usual 1,024.
_soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (_hard, _hard))

mode, path = sys.argv[1], sys.argv[2]

if mode == "listen":
    log = sys.argv[3]
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    os.chmod(path, 0o666)
    if len(sys.argv) > 4 and sys.argv[4] == "noaccept":
        s.listen(0)
        open(log, "a").close()
        time.sleep(600)
        sys.exit(0)
    s.listen(16)
    open(log, "a").close()
    conns = []
    while True:
        r, _, _ = select.select([s] + conns, [], [], 600)
        for c in r:
            if c is s:
                conns.append(s.accept()[0])
                continue
            d = c.recv(4096)
            if not d:
                conns.remove(c)
                c.close()
                continue
            with open(log, "ab") as f:
                f.write(d)

elif mode == "fill":
    held = []
    for _ in range(int(sys.argv[3])):
        c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        c.setblocking(False)
        try:
            c.connect(path)
        except OSError:
            pass
        held.append(c)
    print("filled", flush=True)
    time.sleep(600)

elif mode == "flood":
    seconds, n, out = float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    end = time.time() + seconds
    open_ = []
    total = 0
    while time.time() < end:
        while len(open_) < n and time.time() < end:
            c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            c.setblocking(False)
            try:
                c.connect(path)
            except BlockingIOError:
                c.close()
                break
            except OSError:
                c.close()
                time.sleep(0.01)
                break
            open_.append(c)
            total += 1
        # Drop the ones the host closed; keep the rest open.
        p = select.poll()
        byfd = {}
        for c in open_:
            p.register(c, select.POLLIN)
            byfd[c.fileno()] = c
        for fd, _ in p.poll(50):
            c = byfd[fd]
            try:
                d = c.recv(4096)
            except OSError:
                d = b""
            if not d:
                open_.remove(c)
                c.close()
    with open(out, "w") as f:
        f.write("%d\n" % total)

elif mode == "connects":
    done = 0
    end = time.time() + 30
    for _ in range(int(sys.argv[3])):
        if time.time() > end:
            break
        c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            c.connect(path)
            c.settimeout(1)
            while c.recv(4096):
                pass
            done += 1
        except OSError:
            pass
        c.close()
    print("connects", done)
