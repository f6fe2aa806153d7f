// The floor of one loopback UDP round trip on this machine, moved the way `collab bench peer`'s loop moves
// it: two sockets on one thread, each hop one sendmsg, one epoll_wait and one recvmmsg of one datagram.
// Build and run: gcc -O2 -o /tmp/udp-floor scripts/udp-floor.c && /tmp/udp-floor [round trips] [bytes]
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e6+t.tv_nsec*1e-3;}
static int cmp(const void*a,const void*b){double x=*(double*)a,y=*(double*)b;return x<y?-1:x>y;}
int main(int argc,char**argv){int N=argc>1?atoi(argv[1]):20000,size=argc>2?atoi(argv[2]):120;
 int s[2]; struct sockaddr_in a[2];
 for(int i=0;i<2;i++){s[i]=socket(AF_INET,SOCK_DGRAM|SOCK_NONBLOCK,0);memset(&a[i],0,sizeof a[i]);a[i].sin_family=AF_INET;a[i].sin_addr.s_addr=htonl(0x7f000001);
  bind(s[i],(void*)&a[i],sizeof a[i]);socklen_t l=sizeof a[i];getsockname(s[i],(void*)&a[i],&l);}
 int ep=epoll_create1(0); for(int i=0;i<2;i++){struct epoll_event e={.events=EPOLLIN,.data.u32=i};epoll_ctl(ep,EPOLL_CTL_ADD,s[i],&e);}
 char buf[2048]={0}; double *rt=malloc(N*sizeof(double));
 for(int n=0;n<N;n++){double t0=now();
  for(int hop=0;hop<2;hop++){int from=hop,to=1-hop;
   struct iovec iov={buf,size}; struct msghdr m={.msg_name=&a[to],.msg_namelen=sizeof a[to],.msg_iov=&iov,.msg_iovlen=1};
   sendmsg(s[from],&m,0);
   struct epoll_event ev; while(epoll_wait(ep,&ev,1,-1)<1);
   struct mmsghdr mm; struct iovec riov={buf,sizeof buf}; memset(&mm,0,sizeof mm); mm.msg_hdr.msg_iov=&riov; mm.msg_hdr.msg_iovlen=1;
   while(recvmmsg(s[to],&mm,1,0,NULL)<1);}
  rt[n]=now()-t0;}
 qsort(rt,N,sizeof(double),cmp); printf("bare UDP loopback round trip (2x sendmsg+epoll_wait+recvmmsg), %d B: p50 %.1f us, p99 %.1f us\n",size,rt[N/2],rt[N*99/100]);
 return 0;}
