package crawler

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"
	"testing"
)

// TestIsPermanent classifies errors by their types, as the client wraps
// them (a *url.Error around the transport's), never by their text.
func TestIsPermanent(t *testing.T) {
	cert := &x509.Certificate{}
	wrap := func(err error) error { return &url.Error{Op: "Get", URL: "https://a.test/1.html", Err: err} }
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"host not found", &net.DNSError{Err: "no such host", Name: "a.test", IsNotFound: true}, true},
		{"certificate not verified", &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{Cert: cert}}, true},
		{"unknown authority", x509.UnknownAuthorityError{Cert: cert}, true},
		{"wrong host name", x509.HostnameError{Certificate: cert, Host: "b.test"}, true},
		{"expired", x509.CertificateInvalidError{Cert: cert, Reason: x509.Expired}, true},
		{"not TLS", tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}, true},
		{"HTTP answer to HTTPS", http.ErrSchemeMismatch, true},
		{"QUIC alert", fmt.Errorf("handshake: %w", tls.AlertError(40)), true},
		{"alert received", &net.OpError{Op: "remote error", Err: errors.New("handshake failure")}, true},

		{"DNS temporary", &net.DNSError{Err: "server misbehaving", Name: "a.test", IsTemporary: true}, false},
		{"refused", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, false},
		{"reset", &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, false},
		{"timeout", context.DeadlineExceeded, false},
		{"cut short", io.ErrUnexpectedEOF, false},
		{"x509 in the text only", errors.New("x509: said by a proxy's page"), false},
		{"tls in the text only", errors.New("tls: said by a proxy's page"), false},
	}
	for _, c := range cases {
		for _, err := range []error{c.err, wrap(c.err)} {
			if got := isPermanent(err); got != c.want {
				t.Errorf("%s: isPermanent(%v) = %v, want %v", c.name, err, got, c.want)
			}
		}
	}
}

// TestIsPermanentOnRealHandshakes: the errors Go's transport, and its
// client around it, return for a certificate they do not trust and for a
// server that does not speak TLS are permanent.
func TestIsPermanentOnRealHandshakes(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	untrusted := httptest.NewUnstartedServer(ok)
	untrusted.Config.ErrorLog = log.New(io.Discard, "", 0)
	untrusted.StartTLS()
	defer untrusted.Close()
	plain := httptest.NewServer(ok)
	defer plain.Close()
	for _, u := range []string{untrusted.URL, strings.Replace(plain.URL, "http:", "https:", 1)} {
		req, err := http.NewRequest("GET", u, nil)
		if err != nil {
			t.Fatal(err)
		}
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		_, rtErr := tr.RoundTrip(req)
		_, clientErr := (&http.Client{Transport: tr}).Do(req)
		for _, err := range []error{rtErr, clientErr} {
			if err == nil || !isPermanent(err) {
				t.Errorf("%s: %v is not permanent", u, err)
			}
		}
	}
}
