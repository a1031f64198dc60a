#!/usr/bin/env python3
"""Why bench/build.sh moves a previous site aside instead of deleting it: on ext4, creating many
files and folders right after deleting as many gets slower with each round, because the inode
allocator steps over every inode freed in the last minutes. Usage: inodes.py DIR FOLDERS FILES."""
import os
import shutil
import sys
import time

root, folders, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = b"x" * 8000


def make():
    os.makedirs(root)
    for i in range(folders):
        os.mkdir(os.path.join(root, "d%05d" % i))
    for i in range(files):
        with open(os.path.join(root, "d%05d" % (i % folders), "f%d.html" % i), "wb") as f:
            f.write(data)


for r in range(3):
    shutil.rmtree(root, ignore_errors=True)
    os.sync()
    time.sleep(1)
    t = time.time()
    make()
    print(f"round {r + 1}: {folders} folders, {files} files: {time.time() - t:.2f} s")
shutil.rmtree(root, ignore_errors=True)
